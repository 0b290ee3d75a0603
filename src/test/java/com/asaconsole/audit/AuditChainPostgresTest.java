package com.asaconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.asaconsole.ConsoleTest;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.PostgresLab;

import org.junit.jupiter.api.Test;
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
@LabTest
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

    /** Disabled rather than dropped: what an owner can do in one statement, and what the catalogue still shows. */
    @Override
    String dropRecordTrigger() {
        return "ALTER TABLE audit_record DISABLE TRIGGER audit_record_append_only";
    }

    @Override
    String restoreRecordTrigger() {
        return "ALTER TABLE audit_record ENABLE TRIGGER audit_record_append_only";
    }

    @Test
    void theVerifierWarnsWhenTheConsolesLoginCouldSwitchTheTriggersOff() {
        assertThat(verifier.verify().warnings()).anySatisfy(w -> assertThat(w).contains("superuser").contains("Database roles"));
    }

    @Test
    void aDroppedTriggerIsReportedToo() throws Exception {
        execute("DROP TRIGGER audit_record_no_truncate ON audit_record");
        try {
            assertThat(verifier.verify().unprotected()).singleElement().asString().contains("audit_record_no_truncate")
                    .contains("missing");
        } finally {
            execute("CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record FOR EACH STATEMENT "
                    + "EXECUTE FUNCTION audit_refuse_change()");
        }
        assertThat(verifier.verify().unprotected()).isEmpty();
    }

    @Override
    boolean serverWritesCsv() {
        return true;
    }
}
