package com.asaconsole.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.PostgresLab;
import com.asaconsole.planning.PlanDocument;
import com.zaxxer.hikari.HikariDataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * V70 lets a namespace be served from several sites: each namespace stored before it keeps its one
 * site, on both databases; and a plan version stored before it (a single {@code site} in its JSON)
 * still reads, with the same content hash.
 */
@ExtendWith(PostgresLab.class)
@LabTest
class NamespaceSitesMigrationTest {

    @TempDir
    Path temp;

    @Test
    void eachNamespaceKeepsItsSiteOnH2() {
        try (HikariDataSource h2 = new HikariDataSource()) {
            h2.setJdbcUrl("jdbc:h2:file:" + temp.resolve("upgrade") + ";DB_CLOSE_ON_EXIT=FALSE");
            h2.setUsername("asa");
            upgradeKeepsTheSite(h2, "h2");
        }
    }

    @Test
    void eachNamespaceKeepsItsSiteOnPostgres() {
        try (HikariDataSource pg = new HikariDataSource()) {
            pg.setJdbcUrl(PostgresLab.server().freshDatabase("ns_" + UUID.randomUUID().toString().substring(0, 8)));
            pg.setUsername(PostgresLab.server().username());
            upgradeKeepsTheSite(pg, "postgresql");
        }
    }

    private static void upgradeKeepsTheSite(DataSource ds, String vendor) {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .target(MigrationVersion.fromVersion("33")).load().migrate();
        JdbcClient jdbc = JdbcClient.create(ds);
        jdbc.sql("INSERT INTO forest (id, dns_name, netbios_name, ldaps_endpoint, global_catalog_endpoint, asa_ou, version) "
                + "VALUES (1, 'contoso.com', 'CONTOSO', 'ldaps://dc1.contoso.com', 'ldaps://dc1.contoso.com:3269', 'DC=contoso,DC=com', 0)")
                .update();
        jdbc.sql("INSERT INTO ad_site (id, forest_id, name, version) VALUES (1, 1, 'HQ', 0), (2, 1, 'DR', 0)").update();
        jdbc.sql("INSERT INTO lb_namespace (id, fqdn, scope, services, site_id, version) VALUES "
                + "(1, 'mail.contoso.com', 'BOTH', 'EWS,OAB', 1, 0), (2, 'mailsdc.contoso.com', 'INTERNAL', 'EWS', 2, 0)").update();

        Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:db/vendor/" + vendor).load().migrate();

        assertThat(jdbc.sql("SELECT lb_namespace_id, site_id FROM lb_namespace_site ORDER BY lb_namespace_id")
                .query((rs, n) -> rs.getLong(1) + ":" + rs.getLong(2)).list()).containsExactly("1:1", "2:2");
        // the sites stay referenced: a site still serving a name can't disappear
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("DELETE FROM ad_site WHERE id = 2").update())
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    }

    @Test
    void aPlanStoredWithOneSitePerNamespaceReadsBackWithTheSameHash() {
        JsonMapper json = JsonMapper.builder().build();
        String stored = """
                {"topology":{"forests":[],"sites":[{"forest":"contoso.com","name":"HQ"}],"servers":[],"casArrays":[],
                 "namespaces":[{"fqdn":"mail.contoso.com","scope":"BOTH","services":["EWS","OAB"],"site":"HQ","servers":[]}],
                 "asaAccounts":[]},
                 "plan":{"spns":[],"findings":[]}}""";
        PlanDocument document = json.readValue(stored, PlanDocument.class);
        assertThat(document.topology().namespaces()).singleElement()
                .satisfies(n -> assertThat(n.sites()).containsExactly("HQ"));
        // the canonical line a plan of that time was hashed with: "... EWS,OAB HQ " (one site, as before)
        assertThat(document.canonical()).contains("NAMESPACE mail.contoso.com BOTH EWS,OAB HQ \n");
        TopologySnapshot.NamespaceInfo twoSites = new TopologySnapshot.NamespaceInfo("mail.contoso.com", NamespaceScope.BOTH,
                java.util.Set.of(ExchangeService.EWS), List.of("HQ", "DR"), List.of());
        assertThat(json.readValue(json.writeValueAsString(twoSites), TopologySnapshot.NamespaceInfo.class)).isEqualTo(twoSites);
    }
}
