package com.asaconsole.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.asaconsole.ConsoleTest;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.PostgresLab;
import com.asaconsole.planning.PlanVersions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * V3 (topology) and V4 (plan versions) on production's database: a real PostgreSQL started by the lab.
 * A topology goes in through the editors ({@link ForestEditor}, {@link ServerEditor}, …), a plan version through {@link PlanVersions}; both
 * are read back through the repositories and checked row by row with plain SQL.
 */
@ExtendWith(PostgresLab.class)
@ConsoleTest
@ActiveProfiles({ "test", "postgres" })
// close this context after the class, while the lab's PostgreSQL still runs: a pool left open until JVM exit
// keeps retrying the stopped server and holds the test JVM past Surefire's exit deadline
@DirtiesContext
@LabTest
class TopologyStorePostgresTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresLab.datasource(registry);
    }

    @Autowired ForestEditor forestEditor;
    @Autowired SiteEditor siteEditor;
    @Autowired AsaAccountEditor asaEditor;
    @Autowired ServerEditor serverEditor;
    @Autowired CasArrayEditor arrayEditor;
    @Autowired NamespaceEditor namespaceEditor;
    @Autowired ForestRepository forests;
    @Autowired CasArrayRepository arrays;
    @Autowired LbNamespaceRepository namespaces;
    @Autowired PlanVersions plans;
    @Autowired JdbcTemplate jdbc;

    @Test
    void aTopologyAndAPlanVersionRoundTripOnPostgresql() {
        assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String domain = "pg" + tag + ".example";

        Forest forest = forestEditor.save(null, new ForestForm(domain.toUpperCase(), "PG" + tag, "ldaps://dc01." + domain + ":636",
                "ldaps://dc01." + domain + ":3269", "OU=Service Accounts,DC=pg" + tag + ",DC=example", null, null));
        Site site = siteEditor.save(null, new SiteForm(forest.id(), "HQ", null));
        AsaAccount asa = asaEditor.save(null, new AsaForm(forest.id(), "EXCH-ASA$", AsaKind.COMPUTER,
                "OU=Service Accounts,DC=pg" + tag + ",DC=example", 24, true, 21, null));
        ExchangeServer cas01 = serverEditor.save(null, new ServerForm("cas01." + domain, site.id(), ExchangeVersion.EXCHANGE_2010,
                WindowsServer.WS2008_R2, "http://cas01." + domain + "/PowerShell", WinRmAuth.KERBEROS, false, asa.id(), null));
        ExchangeServer cas02 = serverEditor.save(null, new ServerForm("cas02." + domain, site.id(), ExchangeVersion.EXCHANGE_2010,
                WindowsServer.WS2008_R2, "http://cas02." + domain + "/PowerShell", WinRmAuth.KERBEROS, true, asa.id(), null));
        CasArray array = arrayEditor.save(null, new CasArrayForm("outlook." + domain, site.id(), List.of(cas01.id(), cas02.id()), null));
        LbNamespace mail = namespaceEditor.save(null, new NamespaceForm("mail." + domain, NamespaceScope.BOTH,
                EnumSet.of(ExchangeService.EWS, ExchangeService.OAB, ExchangeService.OUTLOOK_ANYWHERE), List.of(site.id()),
                List.of(cas01.id(), cas02.id()), null));

        // read back through the repositories
        assertThat(forests.findByDnsNameIgnoreCase(domain)).get().extracting(Forest::netbiosName, Forest::version)
                .containsExactly("PG" + tag.toUpperCase(), 0);
        assertThat(arrays.findById(array.id()).orElseThrow().members()).extracting(CasArray.Member::serverId)
                .containsExactlyInAnyOrder(cas01.id(), cas02.id());
        LbNamespace read = namespaces.findById(mail.id()).orElseThrow();
        assertThat(read.serviceSet()).containsExactlyInAnyOrder(ExchangeService.EWS, ExchangeService.OAB, ExchangeService.OUTLOOK_ANYWHERE);
        assertThat(namespaces.findServedBy(cas02.id())).extracting(LbNamespace::fqdn).containsExactly("mail." + domain);
        assertThat(arrays.findContainingServer(cas01.id())).extracting(CasArray::fqdn).containsExactly("outlook." + domain);

        // the rows, with plain SQL
        Map<String, Object> row = jdbc.queryForMap("SELECT dns_name, netbios_name, credential_ref, version FROM forest WHERE id = ?",
                forest.id());
        assertThat(row).containsEntry("dns_name", domain).containsEntry("netbios_name", "PG" + tag.toUpperCase())
                .containsEntry("version", 0);
        assertThat(row.get("credential_ref")).isNull();
        assertThat(jdbc.queryForObject("SELECT standby FROM exchange_server WHERE id = ?", Boolean.class, cas02.id())).isTrue();
        assertThat(jdbc.queryForObject("SELECT services FROM lb_namespace WHERE id = ?", String.class, mail.id()))
                .isEqualTo("EWS,OAB,OUTLOOK_ANYWHERE");
        assertThat(jdbc.queryForList("SELECT server_id FROM lb_namespace_server WHERE lb_namespace_id = ? ORDER BY server_id",
                Long.class, mail.id())).containsExactly(cas01.id(), cas02.id());

        // optimistic locking and the foreign keys hold on PostgreSQL too
        Forest renamed = forestEditor.save(forest.id(), new ForestForm(domain, "PG" + tag, "ldaps://dc02." + domain + ":636",
                "ldaps://dc01." + domain + ":3269", "OU=Service Accounts,DC=pg" + tag + ",DC=example", "bind", 0));
        assertThat(renamed.version()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT version FROM forest WHERE id = ?", Integer.class, forest.id())).isEqualTo(1);
        assertThatThrownBy(() -> forestEditor.save(forest.id(), new ForestForm(domain, "PG" + tag, "ldaps://dc03." + domain + ":636",
                "ldaps://dc01." + domain + ":3269", "OU=Service Accounts,DC=pg" + tag + ",DC=example", "bind", 0)))
                .isInstanceOf(EditConflict.class);
        assertThatThrownBy(() -> serverEditor.delete(cas01.id(), cas01.version())).isInstanceOf(StillInUse.class)
                .hasMessageContaining("outlook." + domain);
        assertThatThrownBy(() -> jdbc.update("DELETE FROM exchange_server WHERE id = ?", cas01.id()))
                .as("the foreign key refuses what the editor refuses").isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);

        // a plan version: stored as JSON with its hash, read back intact
        PlanVersions.Stored stored = plans.saveCurrent("pg-admin");
        assertThat(stored.intact()).isTrue();
        assertThat(stored.document().plan().spns()).extracting(s -> s.spn()).contains("http/mail." + domain,
                "exchangeMDB/outlook." + domain, "exchangeRFR/outlook." + domain, "exchangeAB/outlook." + domain);
        PlanVersions.Stored again = plans.find(stored.number()).orElseThrow();
        assertThat(again.contentHash()).isEqualTo(stored.contentHash()).hasSize(64);
        assertThat(again.document()).isEqualTo(stored.document());
        assertThat(again.createdAt()).isEqualTo(stored.createdAt());
        Map<String, Object> version = jdbc.queryForMap("SELECT content_hash, created_by, document FROM plan_version WHERE number = ?",
                stored.number());
        assertThat(version).containsEntry("content_hash", stored.contentHash()).containsEntry("created_by", "pg-admin");
        assertThat((String) version.get("document")).contains("\"mail." + domain + "\"").startsWith("{");
        assertThat(plans.saveCurrent("pg-admin").number()).as("an unchanged plan stores nothing new").isEqualTo(stored.number());
    }
}
