package com.asaconsole.identity;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in settings under {@code asa.identity}.
 *
 * @param bootstrapAdmin the local account created on first start
 * @param sessionAbsoluteTimeout a session ends this long after sign-in, however active it is
 * @param loginThrottle how repeated failed sign-ins are slowed down
 */
@Validated
@ConfigurationProperties("asa.identity")
record IdentityProperties(
        @Valid @NotNull @DefaultValue BootstrapAdmin bootstrapAdmin,
        @NotNull @DefaultValue("12h") Duration sessionAbsoluteTimeout,
        @Valid @NotNull @DefaultValue LoginThrottle loginThrottle) {

    /**
     * @param username the local admin's user name
     * @param password its first password; when empty one is generated and printed once
     */
    record BootstrapAdmin(@NotBlank @DefaultValue("admin") String username, String password) {

        @Override
        public String toString() {
            return "BootstrapAdmin[username=" + username + ", password=" + (password == null ? "unset" : "****") + "]";
        }
    }

    /**
     * @param freeAttempts failures allowed before any delay
     * @param firstDelay the delay after the first failure past the free ones; it doubles with each further failure
     * @param maxDelay the longest delay
     * @param forgetAfter failures older than this no longer count
     */
    record LoginThrottle(
            @Min(0) @DefaultValue("3") int freeAttempts,
            @NotNull @DefaultValue("2s") Duration firstDelay,
            @NotNull @DefaultValue("15m") Duration maxDelay,
            @NotNull @DefaultValue("15m") Duration forgetAfter) {
    }
}
