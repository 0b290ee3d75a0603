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
        @Valid @NotNull @DefaultValue LoginThrottle loginThrottle,
        @Valid @NotNull @DefaultValue Directory directory) {

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
     * Sign-in with Active Directory accounts.
     *
     * @param forest the directory connection (under Directory) people sign in against; empty turns AD sign-in off
     * @param roleGroups for each role, the AD groups (sAMAccountName or DN) whose members, directly or
     *     through nested groups, hold it
     * @param recheckInterval how often a signed-in directory user's account is checked again (disabled = signed out)
     * @param kerberosServicePrincipal the console's own SPN, e.g. HTTP/console.contoso.com@CONTOSO.COM; empty turns
     *     Kerberos single sign-on off
     * @param kerberosKeytab the keytab holding that SPN's keys (a secret: readable by the console only)
     */
    record Directory(String forest, @DefaultValue java.util.Map<Role, java.util.List<String>> roleGroups,
            @NotNull @DefaultValue("5m") Duration recheckInterval, String kerberosServicePrincipal, String kerberosKeytab) {

        boolean enabled() {
            return forest != null && !forest.isBlank();
        }

        boolean kerberos() {
            return enabled() && kerberosServicePrincipal != null && !kerberosServicePrincipal.isBlank();
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
