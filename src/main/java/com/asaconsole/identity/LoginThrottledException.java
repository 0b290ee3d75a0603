package com.asaconsole.identity;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** A sign-in attempt refused before its password was checked, because too many failed recently. */
class LoginThrottledException extends AuthenticationException {

    private final Duration wait;

    LoginThrottledException(Duration wait) {
        super("Too many failed sign-ins. Wait " + Math.max(1, (wait.toMillis() + 999) / 1000)
                + " seconds before trying again.");
        this.wait = wait;
    }

    Duration getWait() {
        return wait;
    }
}
