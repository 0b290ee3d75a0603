package com.asaconsole.identity;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Local accounts as admins manage them: create with roles and a one-time password, turn off and on, reset the
 * password; and a person changing their own. Each change and its audit record commit together
 * ({@link LocalAccountChanged} is recorded synchronously). AD accounts remain the production path; these make
 * four-eyes work possible without AD (a lab, an evaluation, a break-glass reviewer).
 */
@Service
@Transactional
class LocalAccounts {

    /** What an admin creating an account may get wrong; field is the form field the sentence belongs to. */
    static final class Refused extends RuntimeException {
        private final String field;

        Refused(String field, String message) {
            super(message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    /** A one-time password to show once to the admin; {@link #toString()} masks it. */
    record OneTime(String username, String password) {
        @Override
        public String toString() {
            return "OneTime[" + username + ", ********]";
        }
    }

    static final int ONE_TIME_LENGTH = 20;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final LocalAccountRepository accounts;
    private final PasswordEncoder encoder;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ApiTokens tokens;

    LocalAccounts(LocalAccountRepository accounts, PasswordEncoder encoder, ApplicationEventPublisher events, Clock clock, ApiTokens tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.encoder = encoder;
        this.events = events;
        this.clock = clock;
    }

    OneTime create(String username, String displayName, Set<Role> roles, ConsoleUser by) {
        String name = username == null ? "" : username.strip();
        if (!USERNAME.matcher(name).matches()) {
            throw new Refused("username", "Use 1 to 64 letters, digits, dots, hyphens or underscores (ASCII), starting with a letter or digit, e.g. "
                    + "rita.reviewer.");
        }
        if (accounts.findByUsernameIgnoreCase(name).isPresent()) {
            throw new Refused("username", "A local account named " + name + " exists already.");
        }
        String display = displayName == null || displayName.isBlank() ? name : displayName.strip();
        if (display.length() > 200) {
            throw new Refused("displayName", "Use at most 200 characters for the name.");
        }
        if (roles == null || roles.isEmpty()) {
            throw new Refused("roles", "Choose at least one role.");
        }
        String password = OneTimePasswords.generate(ONE_TIME_LENGTH);
        try {
            accounts.save(LocalAccount.withOneTimePassword(name, display, encoder.encode(password), roles, clock.instant()));
        } catch (DuplicateKeyException e) {
            throw new Refused("username", "A local account named " + name + " exists already.");
        }
        publish("created", name, by, Map.of("roles", roles.stream().sorted().map(Role::name).collect(Collectors.joining(",")),
                "displayName", display));
        return new OneTime(name, password);
    }

    void setEnabled(String username, boolean enabled, ConsoleUser by) {
        LocalAccount account = find(username);
        if (!enabled && by.stableId().equals("local:" + account.id())) {
            throw new Refused(null, "You are signed in with " + account.username() + ", so you can't turn it off. "
                    + "Sign in with another admin account first.");
        }
        if (account.enabled() == enabled) {
            return;
        }
        accounts.save(account.enabled(enabled));
        publish(enabled ? "enabled" : "disabled", account.username(), by, Map.of());
        if (!enabled) {
            tokens.revokeAllOf("local:" + account.id(), by, "account turned off");
        }
    }

    OneTime resetPassword(String username, ConsoleUser by) {
        LocalAccount account = find(username);
        if (by.stableId().equals("local:" + account.id())) {
            throw new Refused(null, "To change your own password, use Change my password.");
        }
        String password = OneTimePasswords.generate(ONE_TIME_LENGTH);
        accounts.save(account.oneTimePassword(encoder.encode(password)));
        publish("password-reset", account.username(), by, Map.of());
        // whoever reset it suspects the password known to someone else; a token made with it goes too
        tokens.revokeAllOf("local:" + account.id(), by, "password reset");
        return new OneTime(account.username(), password);
    }

    /** The owner replaces their password (a one-time one, or their own); the current one must be given. */
    void changeOwnPassword(ConsoleUser me, String current, String chosen, String repeated) {
        LocalAccount account = accounts.findById(localId(me)).orElseThrow(() -> new Refused(null, "Your account no longer exists."));
        if (current == null || !encoder.matches(current, account.passwordHash())) {
            throw new Refused("current", "This is not your current password.");
        }
        if (chosen == null || !chosen.equals(repeated)) {
            throw new Refused("repeated", "The two new passwords differ; type the same one twice.");
        }
        if (chosen.equals(current)) {
            throw new Refused("chosen", "Choose a password other than the one you were given.");
        }
        Optional<String> problem = PasswordRules.problem(chosen, account.username());
        if (problem.isPresent()) {
            throw new Refused("chosen", problem.get());
        }
        accounts.save(account.ownPassword(encoder.encode(chosen), clock.instant()));
        publish("password-changed", account.username(), me, Map.of());
    }

    @Transactional(readOnly = true)
    boolean passwordChangeRequired(ConsoleUser me) {
        return me.method() == ConsoleUser.Method.LOCAL
                && accounts.findById(localId(me)).map(LocalAccount::passwordChangeRequired).orElse(false);
    }

    @Transactional(readOnly = true)
    List<LocalAccount> all() {
        return accounts.findAll().stream().sorted((a, b) -> a.username().compareToIgnoreCase(b.username())).toList();
    }

    private LocalAccount find(String username) {
        return accounts.findByUsernameIgnoreCase(username == null ? "" : username)
                .orElseThrow(() -> new Refused(null, "There is no local account " + username + "."));
    }

    private static long localId(ConsoleUser user) {
        if (!user.stableId().startsWith("local:")) {
            throw new Refused(null, "Only local accounts have a password kept by the console; change an AD password in Windows.");
        }
        return Long.parseLong(user.stableId().substring("local:".length()));
    }

    private void publish(String action, String username, ConsoleUser by, Map<String, String> details) {
        Map<String, String> all = new LinkedHashMap<>(details);
        events.publishEvent(new LocalAccountChanged(action, username,
                by.stableId(), by.displayName(), all));
    }
}
