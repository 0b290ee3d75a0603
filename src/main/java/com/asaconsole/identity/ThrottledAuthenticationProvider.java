package com.asaconsole.identity;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.asaconsole.input.UserNames;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in, slowed down after repeated failures: asks the throttle before any password is
 * checked, then tries each way of checking it (local account, Active Directory) in turn. Every
 * outcome is published synchronously ({@link SignInSucceeded}, {@link SignInFailed}), so that a
 * sign-in the audit trail cannot record is refused.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final List<AuthenticationProvider> delegates;
    private final LoginThrottle throttle;
    private final ApplicationEventPublisher events;

    ThrottledAuthenticationProvider(List<AuthenticationProvider> delegates, LoginThrottle throttle, ApplicationEventPublisher events) {
        this.delegates = List.copyOf(delegates);
        this.throttle = throttle;
        this.events = events;
    }

    @Override
    public Authentication authenticate(Authentication typed) {
        // the name as it is stored, shown and compared: NFKC, no control, bidi or invisible characters
        String username = UserNames.clean(typed.getName());
        String address = typed.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        Duration wait = throttle.waitBeforeAttempt(username, address);
        if (!wait.isZero()) {
            publish(new SignInFailed(username, ConsoleUser.Method.PASSWORD, address, "throttled", true));
            throw new LoginThrottledException(wait);
        }
        Optional<String> lookAlike = UserNames.problem(typed.getName(), UserNames.MAX_LENGTH);
        if (lookAlike.isPresent()) {
            // admın (dotless ı) is not admin: refused before any account is looked up, as a wrong name
            throttle.failed(username, address);
            publish(new SignInFailed(username, ConsoleUser.Method.PASSWORD, address, "user name refused: " + lookAlike.get(), false));
            throw new BadCredentialsException("user name refused");
        }
        UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.unauthenticated(username,
                typed.getCredentials());
        authentication.setDetails(typed.getDetails());
        Authentication result = null;
        AuthenticationException last = null;
        for (AuthenticationProvider delegate : delegates) {
            try {
                result = delegate.authenticate(authentication);
                if (result != null && result.isAuthenticated()) {
                    break;
                }
            } catch (AccountStatusException e) {
                // the account exists and its password was right, but it is disabled or locked: that is the answer
                last = e;
                break;
            } catch (AuthenticationException e) {
                last = e;
            }
        }
        if (result == null || !result.isAuthenticated()) {
            AuthenticationException failure = last != null ? last : new BadCredentialsException("no account");
            throttle.failed(username, address);
            publish(new SignInFailed(username, ConsoleUser.Method.PASSWORD, address,
                    failure instanceof DisabledException ? "account disabled" : "wrong user name or password", false));
            throw failure;
        }
        throttle.succeeded(username);
        if (result.getPrincipal() instanceof ConsoleUserDetails details) {
            publish(new SignInSucceeded(details.stableId(), details.displayName(), username, details.user().method(), address));
        } else {
            publish(new SignInSucceeded("unknown:" + username, username, username, ConsoleUser.Method.PASSWORD, address));
        }
        return result;
    }

    private void publish(Object event) {
        try {
            events.publishEvent(event);
        } catch (RuntimeException e) {
            throw new SignInNotRecorded(e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
