package com.asaconsole.identity;

import com.asaconsole.ConsoleTest;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.PostgresLab;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Production's database: a real PostgreSQL started by the lab, with the postgres profile. */
@ExtendWith(PostgresLab.class)
@ConsoleTest
@ActiveProfiles({ "test", "postgres" })
// close this context after the class, while the lab's PostgreSQL still runs: a pool left open until JVM exit
// keeps retrying the stopped server and holds the test JVM past Surefire's exit deadline
@DirtiesContext
@LabTest
class LocalAccountStorePostgresTest extends LocalAccountStoreContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresLab.datasource(registry);
    }
}
