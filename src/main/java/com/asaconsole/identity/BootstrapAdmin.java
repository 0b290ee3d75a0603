package com.asaconsole.identity;

import java.io.PrintStream;
import java.time.Clock;
import java.util.EnumSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On the first start (no local account yet) creates the local admin. Its password comes from
 * {@code asa.identity.bootstrap-admin.password} (environment {@code ASA_IDENTITY_BOOTSTRAPADMIN_PASSWORD});
 * otherwise one is generated and printed once to the console, never to the log.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final LocalAccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final IdentityProperties properties;
    private final Clock clock;
    private final PrintStream console;

    @Autowired
    BootstrapAdmin(LocalAccountRepository accounts, PasswordEncoder passwordEncoder, IdentityProperties properties, Clock clock) {
        this(accounts, passwordEncoder, properties, clock, System.out);
    }

    BootstrapAdmin(LocalAccountRepository accounts, PasswordEncoder passwordEncoder, IdentityProperties properties, Clock clock,
            PrintStream console) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
        this.clock = clock;
        this.console = console;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (accounts.count() > 0) {
            return;
        }
        String username = properties.bootstrapAdmin().username();
        String password = properties.bootstrapAdmin().password();
        boolean generated = password == null || password.isBlank();
        if (generated) {
            password = OneTimePasswords.generate(24);
        }
        accounts.save(LocalAccount.create(username, "Bootstrap administrator", passwordEncoder.encode(password),
                EnumSet.of(Role.ADMIN), clock.instant()));
        log.info("Created the bootstrap local admin '{}' ({} password)", username, generated ? "generated" : "configured");
        if (generated) {
            console.println();
            console.println("  ASA Console first start: sign in as '" + username + "' with password " + password);
            console.println("  This password is shown once. Set ASA_IDENTITY_BOOTSTRAPADMIN_PASSWORD to choose it instead.");
            console.println();
        }
    }
}
