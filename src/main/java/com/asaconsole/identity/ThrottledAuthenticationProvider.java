package com.asaconsole.identity;

import java.time.Duration;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Asks the throttle before the password is checked and tells it the outcome afterwards; publishes
 * every outcome ({@link SignInSucceeded}, {@link SignInFailed}) synchronously, so that a sign-in
 * the audit trail cannot record is refused.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider delegate;
    private final LoginThrottle throttle;
    private final ApplicationEventPublisher events;

    ThrottledAuthenticationProvider(AuthenticationProvider delegate, LoginThrottle throttle, ApplicationEventPublisher events) {
        this.delegate = delegate;
        this.throttle = throttle;
        this.events = events;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        Duration wait = throttle.waitBeforeAttempt(username, address);
        if (!wait.isZero()) {
            publish(new SignInFailed(username, address, "throttled", true));
            throw new LoginThrottledException(wait);
        }
        Authentication result;
        try {
            result = delegate.authenticate(authentication);
        } catch (AuthenticationException e) {
            throttle.failed(username, address);
            publish(new SignInFailed(username, address,
                    e instanceof DisabledException ? "account disabled" : "wrong user name or password", false));
            throw e;
        }
        if (result != null && result.isAuthenticated()) {
            throttle.succeeded(username);
            if (result.getPrincipal() instanceof ConsolePrincipal principal) {
                publish(new SignInSucceeded(principal.stableId(), principal.displayName(), username, address));
            } else {
                publish(new SignInSucceeded("unknown:" + username, username, username, address));
            }
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
