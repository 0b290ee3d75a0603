package com.asaconsole.identity;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The {@link ConsoleUser} behind a Spring Security authentication, for the modules that need who did what. */
public final class SignedInUsers {

    private SignedInUsers() {
    }

    public static ConsoleUser of(Authentication authentication) {
        if (authentication.getPrincipal() instanceof ConsoleUserDetails details) {
            return details.user();
        }
        // any other principal (e.g. a test's): identified by its name, roles from its authorities
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority a : authentication.getAuthorities()) {
            for (Role r : Role.values()) {
                if (r.authority().equals(a.getAuthority())) {
                    roles.add(r);
                }
            }
        }
        return new ConsoleUser("name:" + authentication.getName(), authentication.getName(), authentication.getName(), ConsoleUser.Method.OTHER, roles);
    }
}
