package com.asaconsole.identity;

import java.time.Duration;
import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in, slowed down after repeated failures: asks the throttle before any password is
 * checked, then tries each way of checking it (local account, Active Directory) in turn.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final List<AuthenticationProvider> delegates;
    private final LoginThrottle throttle;

    ThrottledAuthenticationProvider(List<AuthenticationProvider> delegates, LoginThrottle throttle) {
        this.delegates = List.copyOf(delegates);
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        Duration wait = throttle.waitBeforeAttempt(username, address);
        if (!wait.isZero()) {
            throw new LoginThrottledException(wait);
        }
        AuthenticationException last = null;
        for (AuthenticationProvider delegate : delegates) {
            try {
                Authentication result = delegate.authenticate(authentication);
                if (result != null && result.isAuthenticated()) {
                    throttle.succeeded(username);
                    return result;
                }
            } catch (org.springframework.security.authentication.AccountStatusException e) {
                // the account exists and its password was right, but it is disabled or locked: that is the answer
                throw e;
            } catch (AuthenticationException e) {
                last = e;
            }
        }
        throttle.failed(username, address);
        throw last != null ? last : new org.springframework.security.authentication.BadCredentialsException("no account");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
