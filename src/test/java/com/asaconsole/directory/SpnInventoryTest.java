package com.asaconsole.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.naming.directory.BasicAttribute;
import javax.naming.directory.BasicAttributes;

import com.asaconsole.ConsoleTest;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import org.springframework.ldap.core.LdapTemplate;

/**
 * The forest-wide scan over 2,000 real accounts finds the duplicates a DC let in by replication
 * (seeded by editing the stopped DC's database) and the SPN hiding an invisible character.
 */
@ExtendWith({ SambaLab.class, OutputCaptureExtension.class })
@ConsoleTest
@AutoConfigureMockMvc
// duplicates are found across sorted runs spilled to disk, in a directory of this test's own
// heartbeats every second: a scan whose node died is marked within seconds (its default is five minutes)
@TestPropertySource(properties = { "asa.directory.scan-sort-run=1000",
        "asa.directory.scan-spill-directory=${java.io.tmpdir}/SpnInventoryTest-spill", "asa.directory.scan-heartbeat=1s",
        "asa.directory.scan-missed-heartbeats=3" })
@LabTest
class SpnInventoryTest {

    private static final int ACCOUNTS = 2000;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 5);
    private static final String OU = "OU=SpnInventoryTest-" + RUN + "," + SambaDc.BASE_DN;
    private static final String HIDDEN = "http/mail-" + RUN + ".contoso.test\u200b";

    @Autowired
    SpnInventory inventory;

    @Autowired
    DirectorySettings settings;

    @Autowired
    MockMvc mvc;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private static final java.nio.file.Path SPILL = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "SpnInventoryTest-spill");

    @BeforeAll
    static void loadForest(SambaDc dc) throws Exception {
        java.nio.file.Files.createDirectories(SPILL);
        LabOu.create(dc, OU);
        LdapTemplate ldap = LabOu.admin(dc);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> adds = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            int n = i;
            adds.add(pool.submit(() -> ldap.bind("CN=" + name(n) + "," + OU, null, computer(n))));
        }
        for (Future<?> f : adds) {
            f.get();
        }
        pool.shutdown();
        // the visible twin of the hidden SPN, on another account: AD's duplicate check misses the pair
        ldap.modifyAttributes("CN=" + name(7) + "," + OU, new javax.naming.directory.ModificationItem[] {
                new javax.naming.directory.ModificationItem(javax.naming.directory.DirContext.ADD_ATTRIBUTE,
                        new BasicAttribute("servicePrincipalName", "http/mail-" + RUN + ".contoso.test")) });
        ldap.modifyAttributes("CN=" + name(8) + "," + OU, new javax.naming.directory.ModificationItem[] {
                new javax.naming.directory.ModificationItem(javax.naming.directory.DirContext.ADD_ATTRIBUTE,
                        new BasicAttribute("servicePrincipalName", HIDDEN)) });
        // two duplicates that arrived "by replication": exact, and differing only in case
        dc.modifyOffline("""
                dn: CN=%1$s,%3$s
                changetype: modify
                add: servicePrincipalName
                servicePrincipalName: http/%2$s.contoso.test

                dn: CN=%4$s,%3$s
                changetype: modify
                add: servicePrincipalName
                servicePrincipalName: HTTP/%5$s.CONTOSO.TEST
                """.formatted(name(100), name(200).toLowerCase(), OU, name(300), name(400).toLowerCase()));
    }

    @AfterAll
    static void cleanUp(SambaDc dc) {
        LabOu.delete(dc, OU);
    }

    @Test
    void findsTheSeededDuplicatesAndTheHiddenCharacter(SambaDc dc, CapturedOutput output) throws Exception {
        long id = inventory.start(dc.directoryConnection());
        SpnInventory.Scan scan = inventory.await(id, 120_000);

        assertThat(scan.status()).isEqualTo(SpnInventory.Status.FINISHED);
        assertThat(scan.accountsSeen()).isGreaterThanOrEqualTo(ACCOUNTS);
        assertThat(scan.spnsSeen()).isGreaterThanOrEqualTo(2L * ACCOUNTS + 4);
        assertThat(scan.finishedAt()).isAfterOrEqualTo(scan.startedAt());

        List<SpnInventory.Duplicate> mine = inventory.duplicates(id).stream()
                .filter(d -> d.owners().stream().allMatch(o -> o.dn().endsWith(OU))).toList();
        assertThat(mine).extracting(d -> d.spn().toLowerCase()).containsExactlyInAnyOrder(
                "http/" + name(200).toLowerCase() + ".contoso.test",
                "http/" + name(400).toLowerCase() + ".contoso.test",
                "http/mail-" + RUN + ".contoso.test");
        assertThat(mine).filteredOn(d -> d.spn().contains(name(200).toLowerCase())).singleElement()
                .satisfies(d -> assertThat(d.owners()).extracting(SpnOwner::samAccountName)
                        .containsExactlyInAnyOrder(name(100) + "$", name(200) + "$"));
        assertThat(mine).filteredOn(d -> d.spn().startsWith("http/mail-")).singleElement()
                .satisfies(d -> assertThat(d.lookAlike()).isTrue());

        assertThat(inventory.suspicious(id)).filteredOn(s -> s.accountDn().endsWith(OU)).singleElement().satisfies(s -> {
            assertThat(s.spn()).isEqualTo(HIDDEN);
            assertThat(s.samAccountName()).isEqualTo(name(8) + "$");
            assertThat(s.problem()).contains("U+200B").contains("CVE-2026-25177");
        });
        assertThat(inventory.latest(SambaDc.DNS_DOMAIN)).get().extracting(SpnInventory.Scan::id).isEqualTo(id);

        // the snapshot's inventory holds every SPN read, each with its account
        List<SpnInventory.SpnOwnership> stored = new ArrayList<>();
        inventory.inventory(id, stored::add);
        assertThat(stored).hasSize((int) scan.spnsSeen());
        assertThat(stored).filteredOn(o -> o.accountDn().endsWith(OU) && o.samAccountName().equals(name(8) + "$"))
                .extracting(SpnInventory.SpnOwnership::spn).contains(HIDDEN);
        assertThat(stored).filteredOn(o -> o.spn().equalsIgnoreCase("http/" + name(200) + ".contoso.test"))
                .extracting(SpnInventory.SpnOwnership::samAccountName).containsExactlyInAnyOrder(name(100) + "$", name(200) + "$");
        // with runs of 1,000, the duplicates above were found across runs on disk, which are gone now
        assertThat(output.getOut()).containsPattern("SPN scan " + id + " of contoso\\.test: .* duplicates merged from [4-9] sorted runs on disk");
        try (java.util.stream.Stream<java.nio.file.Path> spilled = java.nio.file.Files.list(SPILL)) {
            assertThat(spilled).as("the sorted runs on disk are deleted").isEmpty();
        }
    }

    @Test
    void theInventoryPagesShowTheScanAndItsDuplicates(SambaDc dc) throws Exception {
        LabDirectory.connect(settings, dc);
        String location = mvc.perform(post("/inventory/scans").param("forest", SambaDc.DNS_DOMAIN).with(csrf())
                .with(user("hd").roles("HELPDESK"))).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        inventory.await(id, 120_000);

        String page = mvc.perform(get(location).with(user("ap").roles("APPROVER"))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("FINISHED").contains("http/" + name(200).toLowerCase() + ".contoso.test")
                .contains(name(100) + "$").contains("look-alike").contains("U+200B");
        String partial = mvc.perform(get(location).header("HX-Request", "true").with(user("ap").roles("APPROVER")))
                .andReturn().getResponse().getContentAsString();
        assertThat(partial).contains("id=\"scan-progress\"").doesNotContain("site-header").doesNotContain("hx-trigger");

        // the helpdesk downloads the dated inventory: one line per SPN, the hidden character kept as it is
        assertThat(page).contains(location + "/inventory.csv");
        MvcResult started = mvc.perform(get(location + "/inventory.csv").with(user("hd").roles("HELPDESK")))
                .andExpect(request().asyncStarted()).andReturn();
        MvcResult csv = mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn();
        assertThat(csv.getResponse().getContentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(csv.getResponse().getHeader("Content-Disposition"))
                .matches("attachment; filename=\"spn-inventory-contoso\\.test-\\d{8}-\\d{6}\\.csv\"");
        List<String> lines = csv.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("\uFEFFaccount_dn,sam_account_name,spn"); // with a BOM, for Excel
        assertThat(lines).hasSize((int) inventory.find(id).orElseThrow().spnsSeen() + 1);
        assertThat(lines).contains("\"CN=" + name(8) + "," + OU + "\"," + name(8) + "$," + HIDDEN);
        mvc.perform(post("/inventory/scans").param("forest", SambaDc.DNS_DOMAIN).with(csrf()).with(user("ap").roles("APPROVER")))
                .andExpect(status().isForbidden());
    }

    @Test
    void aScanCanBeCancelled(SambaDc dc) throws Exception {
        long id = inventory.start(dc.directoryConnection());
        inventory.cancel(id);
        SpnInventory.Scan scan = inventory.await(id, 120_000);
        assertThat(scan.status()).isEqualTo(SpnInventory.Status.CANCELLED);
        assertThat(scan.message()).startsWith("Cancelled after");
        assertThat(scan.spnsSeen()).isLessThan(2L * ACCOUNTS);
        // its inventory is partial: not offered as the forest's
        mvc.perform(get("/inventory/scans/" + id + "/inventory.csv").with(user("hd").roles("HELPDESK")))
                .andExpect(status().isConflict());
    }

    /**
     * A console killed mid-scan leaves its scan RUNNING, its row as the dead node last wrote it; any node marks it once
     * its heartbeats have stopped, the page says why, and a new scan of the forest runs. A scan this JVM runs beside it
     * ends as it would.
     */
    @Test
    void aScanLeftRunningByAConsoleThatDiedIsMarkedAndANewScanRuns(SambaDc dc) throws Exception {
        java.time.OffsetDateTime lastSeen = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(10);
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO spn_scan (forest, started_at, heartbeat_at, status, accounts_seen, spns_seen) "
                + "VALUES (:forest, :started, :seen, 'RUNNING', 120, 345)").param("forest", SambaDc.DNS_DOMAIN)
                .param("started", lastSeen.minusMinutes(3)).param("seen", lastSeen).update(keys, "id");
        long dead = keys.getKey().longValue();
        long alive = inventory.start(dc.directoryConnection());

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> inventory.find(dead).orElseThrow().status() != SpnInventory.Status.RUNNING);
        SpnInventory.Scan marked = inventory.find(dead).orElseThrow();
        assertThat(marked.status()).isEqualTo(SpnInventory.Status.FAILED);
        assertThat(marked.finishedAt()).isNotNull();
        assertThat(marked.message()).isEqualTo("The console running this scan stopped before the scan ended (its last sign of life "
                + "was at " + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(lastSeen) + " UTC). "
                + "What it read is incomplete and is not used; start a new scan.");
        mvc.perform(get("/inventory/scans/" + dead).with(user("hd").roles("HELPDESK"))).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("start a new scan"),
                                org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("every 1s")))));

        assertThat(inventory.await(alive, 120_000).status()).as("the scan running in this JVM").isEqualTo(SpnInventory.Status.FINISHED);
        long fresh = inventory.start(dc.directoryConnection());
        assertThat(inventory.await(fresh, 120_000).status()).isEqualTo(SpnInventory.Status.FINISHED);
        assertThat(inventory.latest(SambaDc.DNS_DOMAIN).orElseThrow().id()).isEqualTo(fresh);
    }

    private static String name(int i) {
        return "INV" + RUN.toUpperCase() + String.format("%04d", i);
    }

    private static BasicAttributes computer(int i) {
        return LabOu.computer(name(i), "HOST/" + name(i).toLowerCase() + ".contoso.test", "http/" + name(i).toLowerCase() + ".contoso.test");
    }

}
