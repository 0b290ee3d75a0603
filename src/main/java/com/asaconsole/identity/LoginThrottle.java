package com.asaconsole.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.asaconsole.input.UserNames;

import org.springframework.stereotype.Component;

/**
 * Slows down repeated failed sign-ins, per user name and per source address: after a few free
 * attempts each further failure doubles the wait before the next attempt is even checked.
 */
@Component
class LoginThrottle {

    private static final int MAX_TRACKED = 100_000;

    private final IdentityProperties.LoginThrottle policy;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    LoginThrottle(IdentityProperties properties, Clock clock) {
        this.policy = properties.loginThrottle();
        this.clock = clock;
    }

    /** How long the caller must still wait before this attempt is checked; zero when it may go ahead. */
    Duration waitBeforeAttempt(String username, String address) {
        Instant now = clock.instant();
        Duration byUser = waitFor(userKey(username), now);
        Duration byAddress = waitFor(addressKey(address), now);
        return byUser.compareTo(byAddress) >= 0 ? byUser : byAddress;
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_TRACKED) {
            failures.entrySet().removeIf(e -> e.getValue().expired(now, policy.forgetAfter()));
        }
        failures.compute(userKey(username), (k, f) -> Failures.after(f, now, policy.forgetAfter()));
        failures.compute(addressKey(address), (k, f) -> Failures.after(f, now, policy.forgetAfter()));
    }

    void succeeded(String username) {
        failures.remove(userKey(username));
    }

    private Duration waitFor(String key, Instant now) {
        Failures f = failures.get(key);
        if (f == null || f.expired(now, policy.forgetAfter()) || f.count() <= policy.freeAttempts()) {
            return Duration.ZERO;
        }
        int excess = Math.min(f.count() - policy.freeAttempts() - 1, 30);
        Duration delay = policy.firstDelay().multipliedBy(1L << excess);
        if (delay.compareTo(policy.maxDelay()) > 0) {
            delay = policy.maxDelay();
        }
        Duration remaining = Duration.between(now, f.last().plus(delay));
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    private static String userKey(String username) {
        return "u:" + UserNames.key(username);
    }

    private static String addressKey(String address) {
        return "a:" + (address == null ? "" : address);
    }

    private record Failures(int count, Instant last) {

        static Failures after(Failures previous, Instant now, Duration forgetAfter) {
            if (previous == null || previous.expired(now, forgetAfter)) {
                return new Failures(1, now);
            }
            return new Failures(previous.count + 1, now);
        }

        boolean expired(Instant now, Duration forgetAfter) {
            return last.plus(forgetAfter).isBefore(now);
        }
    }
}
