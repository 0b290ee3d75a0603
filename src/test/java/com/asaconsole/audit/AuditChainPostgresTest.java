package com.asaconsole.audit;

import java.util.List;

import com.asaconsole.ConsoleTest;
import com.asaconsole.lab.PostgresLab;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The audit chain on production's database: a real PostgreSQL with its plpgsql triggers. */
@ExtendWith(PostgresLab.class)
@ConsoleTest
@ActiveProfiles({ "test", "postgres" })
// close this context after the class, while the lab's PostgreSQL still runs: a pool left open until JVM exit
// keeps retrying the stopped server and holds the test JVM past Surefire's exit deadline
@DirtiesContext
class AuditChainPostgresTest extends AuditChainContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresLab.datasource(registry);
    }

    /** DISABLE TRIGGER ALL also suspends the foreign keys' internal triggers (the lab's user is a superuser). */
    @Override
    List<String> unprotect() {
        return List.of("ALTER TABLE audit_record DISABLE TRIGGER ALL", "ALTER TABLE audit_checkpoint DISABLE TRIGGER ALL");
    }

    @Override
    List<String> protect() {
        return List.of("ALTER TABLE audit_record ENABLE TRIGGER ALL", "ALTER TABLE audit_checkpoint ENABLE TRIGGER ALL");
    }

    @Override
    boolean serverWritesCsv() {
        return true;
    }
}
