package com.asaconsole.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(new IdentityProperties(
            new IdentityProperties.BootstrapAdmin("admin", null), Duration.ofHours(12),
            new IdentityProperties.LoginThrottle(3, Duration.ofSeconds(2), Duration.ofMinutes(15), Duration.ofMinutes(15)),
            new IdentityProperties.Directory(null, java.util.Map.of(), Duration.ofMinutes(5), null, null)),
            clock);

    @Test
    void theFirstFailuresAreFreeThenEachDoublesTheWait() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("alice", "10.0.0.1");
            assertThat(throttle.waitBeforeAttempt("alice", "10.0.0.2")).isZero();
        }
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.waitBeforeAttempt("alice", "10.0.0.2")).isEqualTo(Duration.ofSeconds(2));
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.waitBeforeAttempt("ALICE", "10.0.0.2")).as("user names compare without case")
                .isEqualTo(Duration.ofSeconds(4));
        clock.advance(Duration.ofSeconds(3));
        assertThat(throttle.waitBeforeAttempt("alice", "10.0.0.2")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void oneAddressTryingManyNamesIsSlowedDownToo() {
        for (int i = 0; i < 6; i++) {
            throttle.failed("user" + i, "10.0.0.9");
        }
        assertThat(throttle.waitBeforeAttempt("someone-new", "10.0.0.9")).isPositive();
        assertThat(throttle.waitBeforeAttempt("someone-new", "10.0.0.10")).isZero();
    }

    @Test
    void theWaitIsCappedAndFailuresAreForgotten() {
        for (int i = 0; i < 40; i++) {
            throttle.failed("bob", "10.0.0.3");
        }
        assertThat(throttle.waitBeforeAttempt("bob", null)).isEqualTo(Duration.ofMinutes(15));
        clock.advance(Duration.ofMinutes(16));
        assertThat(throttle.waitBeforeAttempt("bob", "10.0.0.3")).isZero();
        throttle.failed("bob", "10.0.0.3");
        assertThat(throttle.waitBeforeAttempt("bob", "10.0.0.3")).as("counting starts again").isZero();
    }

    @Test
    void successClearsTheUsersFailures() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("carol", "10.0.0.4");
        }
        throttle.succeeded("carol");
        assertThat(throttle.waitBeforeAttempt("carol", "10.0.0.5")).isZero();
    }

    static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-11-25T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
