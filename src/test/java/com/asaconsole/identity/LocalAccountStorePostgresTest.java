package com.asaconsole.identity;

import com.asaconsole.ConsoleTest;
import com.asaconsole.lab.PostgresLab;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Production's database: a real PostgreSQL started by the lab, with the postgres profile. */
@ExtendWith(PostgresLab.class)
@ConsoleTest
@ActiveProfiles({ "test", "postgres" })
class LocalAccountStorePostgresTest extends LocalAccountStoreContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresLab.datasource(registry);
    }
}
