package com.asaconsole.identity;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An account kept by the console itself: the bootstrap admin, and accounts admins create so that four-eyes work
 * can be tried without Active Directory. Only a password hash is stored; {@code passwordChangeRequired} is set for a
 * one-time password (new account, reset) until its owner chooses their own.
 */
@Table("local_account")
record LocalAccount(
        @Id Long id,
        String username,
        String displayName,
        String passwordHash,
        String roles,
        boolean enabled,
        Instant createdAt,
        @Version Integer version,
        boolean passwordChangeRequired,
        Instant passwordChangedAt) {

    static LocalAccount create(String username, String displayName, String passwordHash, Set<Role> roles, Instant now) {
        return new LocalAccount(null, username, displayName, passwordHash, encode(roles), true, now, null, false, null);
    }

    /** A new account with a one-time password its owner must replace at first sign-in. */
    static LocalAccount withOneTimePassword(String username, String displayName, String passwordHash, Set<Role> roles, Instant now) {
        return new LocalAccount(null, username, displayName, passwordHash, encode(roles), true, now, null, true, null);
    }

    LocalAccount enabled(boolean on) {
        return new LocalAccount(id, username, displayName, passwordHash, roles, on, createdAt, version, passwordChangeRequired,
                passwordChangedAt);
    }

    /** A password set by an admin (reset): shown once, to be replaced by its owner. */
    LocalAccount oneTimePassword(String hash) {
        return new LocalAccount(id, username, displayName, hash, roles, enabled, createdAt, version, true, passwordChangedAt);
    }

    /** A password its owner chose. */
    LocalAccount ownPassword(String hash, Instant now) {
        return new LocalAccount(id, username, displayName, hash, roles, enabled, createdAt, version, false, now);
    }

    Set<Role> roleSet() {
        if (roles == null || roles.isBlank()) {
            return EnumSet.noneOf(Role.class);
        }
        return Arrays.stream(roles.split(",")).map(String::trim).map(Role::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    private static String encode(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return "LocalAccount[id=" + id + ", username=" + username + ", roles=" + roles + ", enabled=" + enabled
                + ", passwordChangeRequired=" + passwordChangeRequired + "]";
    }
}
