package com.asaconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import com.asaconsole.ConsoleTest;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.PostgresLab;
import com.asaconsole.lab.PostgresServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The production set-up of docs/operations.md ("Database roles"), on a real PostgreSQL: the
 * migrations run as the owner of the schema, the console as a role that may read and write rows
 * but owns nothing. That role can't drop or disable the audit trail's triggers, nor change or
 * remove a record; the console works as usual and its verifier finds nothing to warn about.
 */
@ExtendWith(PostgresLab.class)
@ConsoleTest
@ActiveProfiles({ "test", "postgres" })
@DirtiesContext
@LabTest
class AuditRolesPostgresTest {

    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String OWNER = "asa_owner_" + SUFFIX;
    static final String CONSOLE = "asa_console_" + SUFFIX;
    static final String DATABASE = "roles_" + SUFFIX;
    static String url;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> {
            if (url == null) {
                url = prepare(PostgresLab.server());
            }
            return url;
        });
        registry.add("spring.datasource.username", () -> CONSOLE);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.user", () -> OWNER);
        registry.add("spring.flyway.password", () -> "");
    }

    /** The SQL of docs/operations.md, "Database roles", as the cluster's administrator runs it once. */
    static String prepare(PostgresServer pg) {
        String admin = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, pg.username(), ""); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + OWNER + " LOGIN");
            s.execute("CREATE ROLE " + CONSOLE + " LOGIN");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String db = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + DATABASE;
        try (Connection c = DriverManager.getConnection(db, OWNER, ""); Statement s = c.createStatement()) {
            s.execute("GRANT USAGE ON SCHEMA public TO " + CONSOLE);
            s.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + CONSOLE);
            s.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO " + CONSOLE);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return db;
    }

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditVerifier verifier;

    @Autowired
    Checkpoints checkpoints;

    @Test
    void theConsolesRoleCannotDropOrDisableTheTriggersNorChangeARecord() throws Exception {
        trail.record(AuditEvent.of("test.roles", "as the console's role"));
        checkpoints.take().orElseThrow();
        Verification v = verifier.verify();
        assertThat(v.sound()).as(String.valueOf(v.problem())).isTrue();
        assertThat(v.warnings()).as("the console's login owns nothing and is no superuser").isEmpty();

        try (Connection c = DriverManager.getConnection(url, CONSOLE, ""); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("ALTER TABLE audit_record DISABLE TRIGGER audit_record_append_only"))
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> s.execute("DROP TRIGGER audit_record_append_only ON audit_record"))
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> s.execute("DROP FUNCTION audit_refuse_change() CASCADE"))
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> s.execute("UPDATE audit_record SET target = 'someone else'")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute("DELETE FROM audit_checkpoint")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute("TRUNCATE audit_record CASCADE")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute("SET session_replication_role = replica"))
                    .as("switching triggers off for a session needs superuser rights").isInstanceOf(SQLException.class);
        }
        assertThat(verifier.verify().sound()).isTrue();
    }
}
