package com.asaconsole.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.PostgresLab;
import com.zaxxer.hikari.HikariDataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V33 moves the snapshots stored before it (one row per SPN) to the per-account inventory and its
 * findings, on both databases: what a scan page showed before the upgrade it shows after it.
 */
@ExtendWith(PostgresLab.class)
@LabTest
class SpnInventoryMigrationTest {

    @TempDir
    Path temp;

    @Test
    void earlierSnapshotsKeepTheirDuplicatesSuspiciousSpnsAndInventoryOnH2() throws Exception {
        try (HikariDataSource h2 = new HikariDataSource()) {
            h2.setJdbcUrl("jdbc:h2:file:" + temp.resolve("upgrade") + ";DB_CLOSE_ON_EXIT=FALSE");
            h2.setUsername("asa");
            upgradeKeepsTheSnapshot(h2, "h2");
        }
    }

    @Test
    void earlierSnapshotsKeepTheirDuplicatesSuspiciousSpnsAndInventoryOnPostgres() throws Exception {
        try (HikariDataSource pg = new HikariDataSource()) {
            pg.setJdbcUrl(PostgresLab.server().freshDatabase("upgrade_" + UUID.randomUUID().toString().substring(0, 8)));
            pg.setUsername(PostgresLab.server().username());
            upgradeKeepsTheSnapshot(pg, "postgresql");
        }
    }

    private void upgradeKeepsTheSnapshot(DataSource ds, String vendor) throws Exception {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .target(MigrationVersion.fromVersion("32")).load().migrate();
        JdbcClient jdbc = JdbcClient.create(ds);
        jdbc.sql("INSERT INTO spn_scan (id, forest, started_at, finished_at, status, accounts_seen, spns_seen) "
                + "VALUES (7, 'contoso.test', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'FINISHED', 4, 6)").update();
        old(jdbc, "HTTP/mail.contoso.test", "CN=ASA,DC=contoso,DC=test", "ASA$");
        old(jdbc, "http/mail.contoso.test", "CN=CAS1,DC=contoso,DC=test", "CAS1$");
        old(jdbc, "HOST/cas1", "CN=CAS1,DC=contoso,DC=test", "CAS1$");
        old(jdbc, "http/autodiscover.contoso.test\u200b", "CN=CAS2,DC=contoso,DC=test", "CAS2$");
        old(jdbc, "odd\\service/line\nbreak", "CN=CAS2,DC=contoso,DC=test", "CAS2$");
        old(jdbc, "HOST/cas3", "CN=CAS3,DC=contoso,DC=test", null);

        Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:db/vendor/" + vendor).load().migrate();

        SpnInventory inventory = new SpnInventory(jdbc, new JdbcTemplate(ds), new DirectoryGateway(), Clock.systemUTC(),
                new DirectoryProperties(SpnInventory.SORT_RUN, temp, null, 0), new org.springframework.core.task.SimpleAsyncTaskExecutor("spn-scan-"));
        try {
            assertThat(inventory.duplicates(7)).singleElement().satisfies(d -> {
                assertThat(d.owners()).extracting(SpnOwner::samAccountName).containsExactly("ASA$", "CAS1$");
                assertThat(d.lookAlike()).isFalse();
            });
            assertThat(inventory.suspicious(7)).extracting(SpnInventory.Suspicious::spn)
                    .containsExactlyInAnyOrder("http/autodiscover.contoso.test\u200b", "odd\\service/line\nbreak");
            List<SpnInventory.SpnOwnership> all = new ArrayList<>();
            inventory.inventory(7, all::add);
            assertThat(all).hasSize(6).contains(
                    new SpnInventory.SpnOwnership("odd\\service/line\nbreak", "CN=CAS2,DC=contoso,DC=test", "CAS2$"),
                    new SpnInventory.SpnOwnership("HOST/cas3", "CN=CAS3,DC=contoso,DC=test", null));
            assertThat(jdbc.sql("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = 'spn_scan_entry'")
                    .query(Long.class).single()).isZero();
        } finally {
            inventory.destroy();
        }
    }

    private static void old(JdbcClient jdbc, String spn, String dn, String sam) {
        jdbc.sql("INSERT INTO spn_scan_entry (scan_id, spn, match_key, account_dn, sam_account, suspicious) "
                + "VALUES (7, :spn, :key, :dn, :sam, :odd)").param("spn", spn).param("key", SpnInventory.matchKey(spn))
                .param("dn", dn).param("sam", sam).param("odd", spn.chars().anyMatch(c -> c > 0x7E || c < 0x21)).update();
    }
}
