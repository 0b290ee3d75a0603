package com.asaconsole.identity;

import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.asaconsole.input.ApiRefusal;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The console's own accounts for admins' scripts: list, create with roles (the one-time password is answered once),
 * turn off and on, reset the password. The same {@link LocalAccounts} as the page decides and records; turning an
 * account off or resetting its password revokes its API tokens. AD accounts are not managed here.
 */
@RestController
@RequestMapping(path = "/api/local-accounts", produces = "application/json")
@Tag(name = "Local accounts", description = "Accounts the console keeps itself (Exchange admins only)")
class LocalAccountsApi {

    /** A new account: a user name, a display name (blank: the user name) and one or more of ADMIN, APPROVER, HELPDESK. */
    record NewAccount(String username, String displayName, List<String> roles) {
    }

    /** An account; {@code passwordChangeRequired}: its one-time password has not been replaced yet. */
    record AccountView(String username, String displayName, List<String> roles, boolean enabled, boolean passwordChangeRequired,
            Instant createdAt) {
    }

    /**
     * The account and its one-time password, answered this once and never again: hand it over out of band; its owner
     * chooses their own at the first sign-in.
     */
    record WithOneTimePassword(AccountView account, String oneTimePassword) {
        @Override
        public String toString() {
            return "WithOneTimePassword[" + account.username() + ", ********]";
        }
    }

    private final LocalAccounts accounts;
    private final LocalAccountRepository repository;

    LocalAccountsApi(LocalAccounts accounts, LocalAccountRepository repository) {
        this.accounts = accounts;
        this.repository = repository;
    }

    @GetMapping
    @Operation(summary = "Every local account, by user name")
    List<AccountView> list() {
        return accounts.all().stream().map(LocalAccountsApi::view).toList();
    }

    @PostMapping(consumes = "application/json")
    @Operation(summary = "Create a local account with roles; answers its one-time password once")
    @ApiResponse(responseCode = "201", description = "Created; the Location header names it")
    ResponseEntity<WithOneTimePassword> create(@RequestBody NewAccount account, Authentication authentication) {
        Set<Role> roles = roles(account.roles());
        LocalAccounts.OneTime created = decide(() -> accounts.create(account.username(), account.displayName(), roles,
                SignedInUsers.of(authentication)));
        return ResponseEntity.created(URI.create("/api/local-accounts/" + created.username()))
                .body(new WithOneTimePassword(view(account(created.username())), created.password()));
    }

    @PostMapping("/{username}/disable")
    @Operation(summary = "Turn an account off: it can't sign in and its API tokens are revoked (not your own account)")
    AccountView disable(@PathVariable String username, Authentication authentication) {
        return setEnabled(username, false, authentication);
    }

    @PostMapping("/{username}/enable")
    @Operation(summary = "Turn an account on again (its revoked tokens stay revoked)")
    AccountView enable(@PathVariable String username, Authentication authentication) {
        return setEnabled(username, true, authentication);
    }

    @PostMapping("/{username}/reset-password")
    @Operation(summary = "Give an account a new one-time password, answered once; its API tokens are revoked (not your own account)")
    WithOneTimePassword resetPassword(@PathVariable String username, Authentication authentication) {
        account(username);
        LocalAccounts.OneTime reset = decide(() -> accounts.resetPassword(username, SignedInUsers.of(authentication)));
        return new WithOneTimePassword(view(account(username)), reset.password());
    }

    private AccountView setEnabled(String username, boolean enabled, Authentication authentication) {
        account(username);
        decide(() -> {
            accounts.setEnabled(username, enabled, SignedInUsers.of(authentication));
            return null;
        });
        return view(account(username));
    }

    private LocalAccount account(String username) {
        return repository.findByUsernameIgnoreCase(username == null ? "" : username.strip())
                .orElseThrow(() -> ApiRefusal.notFound("There is no local account " + username + "."));
    }

    /** The service's refusal as the API's: a field's sentence is invalid input, the others are the rules refusing. */
    private static <T> T decide(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (LocalAccounts.Refused refused) {
            throw refused.field() == null ? ApiRefusal.refused(refused.getMessage()) : ApiRefusal.invalid(refused.field(), refused.getMessage());
        }
    }

    private static Set<Role> roles(List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names == null ? List.<String>of() : names) {
            try {
                roles.add(Role.valueOf(String.valueOf(name).strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiRefusal.invalid("roles", "Use ADMIN, APPROVER or HELPDESK.");
            }
        }
        return roles;
    }

    private static AccountView view(LocalAccount a) {
        return new AccountView(a.username(), a.displayName(), a.roleSet().stream().sorted().map(Role::name).toList(), a.enabled(),
                a.passwordChangeRequired(), a.createdAt());
    }
}
