package com.asaconsole.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * The same migrations and the same repository behaviour on every database the console runs on;
 * rows are checked with plain SQL, not only through the repository.
 */
@Transactional
abstract class LocalAccountStoreContract {

    @Autowired
    LocalAccountRepository accounts;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyMigrationRan() {
        List<Map<String, Object>> history = jdbc.queryForList(
                "SELECT \"version\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"");
        assertThat(history).extracting(r -> r.get("version").toString()).startsWith("1", "2");
        assertThat(history).allSatisfy(r -> assertThat(r.get("success")).isEqualTo(Boolean.TRUE));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM event_publication", Integer.class)).isZero();
    }

    @Test
    void anAccountMakesTheRoundTrip() {
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        LocalAccount saved = accounts.save(LocalAccount.create("Round.Trip", "Round Trip", "{noop}x",
                EnumSet.of(Role.APPROVER, Role.HELPDESK), created));

        Map<String, Object> row = jdbc.queryForMap(
                "SELECT username, display_name, roles, enabled, version FROM local_account WHERE id = ?", saved.id());
        assertThat(row.get("username")).isEqualTo("Round.Trip");
        assertThat(row.get("display_name")).isEqualTo("Round Trip");
        assertThat(row.get("roles")).isEqualTo("APPROVER,HELPDESK");
        assertThat(row.get("enabled")).isEqualTo(Boolean.TRUE);
        assertThat(((Number) row.get("version")).intValue()).isZero();

        LocalAccount loaded = accounts.findByUsernameIgnoreCase("round.trip").orElseThrow();
        assertThat(loaded.roleSet()).containsExactly(Role.APPROVER, Role.HELPDESK);
        assertThat(loaded.createdAt()).isEqualTo(created);
    }

    @Test
    void aStaleCopyCannotOverwriteANewerOne() {
        LocalAccount first = accounts.save(LocalAccount.create("stale", "Stale", "{noop}x", EnumSet.of(Role.HELPDESK), Instant.now()));
        accounts.save(new LocalAccount(first.id(), "stale", "Renamed", "{noop}x", "HELPDESK", true, first.createdAt(), first.version(),
                false, null));

        assertThatThrownBy(() -> accounts.save(new LocalAccount(first.id(), "stale", "Lost update", "{noop}x", "HELPDESK",
                false, first.createdAt(), first.version(), false, null)))
                .isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(jdbc.queryForObject("SELECT display_name FROM local_account WHERE id = ?", String.class, first.id()))
                .isEqualTo("Renamed");
    }

    @Test
    void userNamesAreUnique() {
        accounts.save(LocalAccount.create("twin", "Twin", "{noop}x", EnumSet.of(Role.HELPDESK), Instant.now()));
        assertThatThrownBy(() -> accounts.save(LocalAccount.create("twin", "Twin 2", "{noop}x", EnumSet.of(Role.HELPDESK),
                Instant.now())))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(((DataAccessException) e).getMostSpecificCause().getMessage().toLowerCase())
                        .contains("local_account_username_uq"));
    }
}
