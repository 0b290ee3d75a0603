package com.asaconsole.identity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.asaconsole.directory.DirectoryException;
import com.asaconsole.directory.DirectoryUser;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code Authorization: Bearer asa_…} on the JSON API and the metrics: the token's owner, as they are now (a local
 * account turned off, or a directory account disabled, stops its tokens at once), with the token's narrower role if
 * it has one. A request that carries a bearer token is authenticated by it alone: a wrong, expired or revoked token
 * is refused with 401 even when a session cookie comes along, so the CSRF exemption for bearer requests (ADR 30)
 * never covers a cookie-authenticated write. The context is not saved to a session.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    /** Requests that present a bearer token; CSRF does not apply to them. */
    static final RequestMatcher BEARER = request -> {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    };

    /** Where tokens are accepted: the API, its description and the Prometheus scrape. */
    static final RequestMatcher ACCEPTED = new OrRequestMatcher(ApiProblems.API,
            PathPatternRequestMatcher.withDefaults().matcher("/v3/api-docs/**"),
            PathPatternRequestMatcher.withDefaults().matcher("/v3/api-docs"),
            PathPatternRequestMatcher.withDefaults().matcher("/actuator/prometheus"));

    /** Held by a scrape token instead of any role. */
    static final String METRICS_AUTHORITY = "SCOPE_METRICS";

    private final ApiTokens tokens;
    private final LocalAccountRepository localAccounts;
    private final DirectoryAccounts directoryAccounts;

    BearerTokenFilter(ApiTokens tokens, LocalAccountRepository localAccounts, DirectoryAccounts directoryAccounts) {
        this.tokens = tokens;
        this.localAccounts = localAccounts;
        this.directoryAccounts = directoryAccounts;
    }

    /**
     * A streamed answer (an inventory CSV, an audit export) ends with an async dispatch that passes the security
     * filters again; a token call keeps no session to carry its authentication there, so the token is checked again.
     */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!BEARER.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (!ACCEPTED.matches(request)) {
            ApiProblems.write(request, response, HttpStatus.UNAUTHORIZED, "API tokens are for the API only",
                    "Send an API token to /api/**, /v3/api-docs or /actuator/prometheus; pages need a signed-in session.");
            return;
        }
        String value = request.getHeader("Authorization").substring(7).strip();
        Optional<ApiTokens.Token> found = tokens.byValue(value);
        if (found.isEmpty()) {
            refuse(request, response, "This API token is not known. Check that you copied all of it, or create a new one.");
            return;
        }
        ApiTokens.Token token = found.get();
        if (token.revoked()) {
            refuse(request, response, "This API token (" + token.name() + ") was revoked by " + token.revokedBy() + ".");
            return;
        }
        if (token.expired(tokens.now())) {
            refuse(request, response, "This API token (" + token.name() + ") expired at " + token.expiresAt()
                    + "; create a new one under API tokens.");
            return;
        }
        Optional<Set<Role>> ownerRoles;
        try {
            ownerRoles = ownerRoles(token);
        } catch (DirectoryException e) {
            ApiProblems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "Owner could not be checked",
                    "The directory did not answer whether the token's owner still exists and is enabled; try again shortly.");
            return;
        }
        if (ownerRoles.isEmpty()) {
            refuse(request, response, "The owner of this API token (" + token.ownerName() + ") is turned off or gone.");
            return;
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (ApiTokens.SCRAPE.equals(token.scope())) {
            if (ownerRoles.get().contains(Role.ADMIN)) {
                authorities.add(new SimpleGrantedAuthority(METRICS_AUTHORITY));
            }
        } else {
            for (Role role : ownerRoles.get()) {
                if (token.scope() == null || token.scope().equals(role.name())) {
                    roles.add(role);
                    authorities.add(new SimpleGrantedAuthority(role.authority()));
                }
            }
        }
        // the owner's stable id, so four-eyes compares people, not tokens; the token's name goes into every audit record
        ConsoleUser user = new ConsoleUser(token.ownerId(), token.ownerName(), token.ownerName() + " (API token " + token.name() + ")",
                token.ownerId().startsWith("local:") ? ConsoleUser.Method.LOCAL : ConsoleUser.Method.LDAP, roles);
        ConsoleUserDetails details = new ConsoleUserDetails(user, null, true, null, null);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(details, null, authorities));
        SecurityContextHolder.setContext(context);
        tokens.used(token);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** The owner's roles now; empty when the owner is turned off, disabled or gone. */
    private Optional<Set<Role>> ownerRoles(ApiTokens.Token token) {
        if (token.ownerId().startsWith("local:")) {
            long id;
            try {
                id = Long.parseLong(token.ownerId().substring("local:".length()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            return localAccounts.findById(id).filter(LocalAccount::enabled).map(LocalAccount::roleSet);
        }
        if (token.ownerGuid() == null) {
            return Optional.empty();
        }
        Optional<DirectoryUser> user = directoryAccounts.byGuid(token.ownerGuid());
        return user.filter(DirectoryUser::enabled).filter(u -> ("sid:" + u.objectSid()).equalsIgnoreCase(token.ownerId()))
                .map(directoryAccounts::roles);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        ApiProblems.write(request, response, HttpStatus.UNAUTHORIZED, "API token refused", detail);
    }
}
