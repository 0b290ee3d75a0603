package com.asaconsole.shell;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness asks the database a real question (a table the migrations made), not whether a
 * connection is open: after an OutOfMemoryError H2 closes the database, and an open connection to
 * nothing, or to an empty database, is not a usable console. DOWN says why, in a sentence
 * ({@link DatabaseTrouble}).
 */
@Component("database")
class DatabaseHealth implements HealthIndicator {

    private final DataSource dataSource;

    DatabaseHealth(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Health health() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(5);
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM audit_chain_head")) {
                rs.next();
                return Health.up().build();
            }
        } catch (SQLException e) {
            return Health.down().withDetail("problem", DatabaseTrouble.sentence(e)).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("problem", DatabaseTrouble.sentence(e)).build();
        }
    }
}
