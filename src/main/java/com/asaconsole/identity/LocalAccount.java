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
 * An account kept by the console itself (the bootstrap admin). Only a password hash is stored.
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
        @Version Integer version) {

    static LocalAccount create(String username, String displayName, String passwordHash, Set<Role> roles, Instant now) {
        return new LocalAccount(null, username, displayName, passwordHash, encode(roles), true, now, null);
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
        return "LocalAccount[id=" + id + ", username=" + username + ", roles=" + roles + ", enabled=" + enabled + "]";
    }
}
