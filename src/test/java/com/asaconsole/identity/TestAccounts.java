package com.asaconsole.identity;

import java.time.Instant;
import java.util.EnumSet;

import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Test-only: a local account with the given role, stored the way the console stores accounts. */
public final class TestAccounts {

    private TestAccounts() {
    }

    public static void create(ApplicationContext context, String username, String password, String role, String... moreRoles) {
        LocalAccountRepository accounts = context.getBean(LocalAccountRepository.class);
        String hash = context.getBean(PasswordEncoder.class).encode(password);
        EnumSet<Role> roles = EnumSet.of(Role.valueOf(role));
        for (String more : moreRoles) {
            roles.add(Role.valueOf(more));
        }
        accounts.save(LocalAccount.create(username, username, hash, roles, Instant.now()));
    }
}
