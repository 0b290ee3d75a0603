package com.asaconsole.directory;

import static com.asaconsole.identity.TestAccounts.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.asaconsole.ConsoleTest;
import com.asaconsole.identity.TestAccounts;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.PrometheusText;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;
import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Forest-wide SPN scans through the API with tokens, against the real Samba DC: a helpdesk token starts a scan of the
 * lab forest, polls it to FINISHED, reads the look-alike duplicate planted in the directory and exports the whole
 * inventory as CSV; a reviewer's token may read but not start; an unknown forest, an unknown scan, cancelling a
 * finished scan and exporting an unfinished one are problem details with a sentence. The audit trail names the token;
 * Prometheus, scraping with an admin's scrape token, sees the scan's duration and sizes.
 */
@ConsoleTest
@AutoConfigureMockMvc
@DirtiesContext
@ExtendWith(SambaLab.class)
@LabTest
class InventoryApiTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 5);
    static final String OU = "OU=InventoryApiTest-" + RUN + "," + SambaDc.BASE_DN;
    static final String SPN = "http/mail-" + RUN + ".contoso.test";
    static final String HIDDEN = "http/mail-" + RUN + "\u200b.contoso.test";

    @Autowired MockMvc mvc;
    @Autowired ApplicationContext context;
    @Autowired DirectorySettings settings;
    @Autowired JdbcClient jdbc;

    @Test
    void aHelpdeskTokenScansTheForestPollsItAndExportsTheInventory(SambaDc dc) throws Exception {
        LabDirectory.connect(settings, dc);
        TestAccounts.create(context, "hilda", "Helpdesk-Test-Pw-7", "HELPDESK");
        TestAccounts.create(context, "rex", "cedar violet anchor", "APPROVER");
        String hilda = TestAccounts.apiToken(mvc, "hilda", "Helpdesk-Test-Pw-7", "scan-job", "");
        String rex = TestAccounts.apiToken(mvc, "rex", "cedar violet anchor", "itsm", "");
        TestAccounts.create(context, "ops", "harbor lilac engine", "ADMIN");
        String scrape = TestAccounts.apiToken(mvc, "ops", "harbor lilac engine", "prometheus", "SCRAPE");
        LabOu.create(dc, OU);
        try {
            LdapTemplate ldap = LabOu.admin(dc);
            ldap.bind("CN=API" + RUN + "A," + OU, null, LabOu.computer("API" + RUN + "A", SPN));
            ldap.bind("CN=API" + RUN + "B," + OU, null, LabOu.computer("API" + RUN + "B", HIDDEN));

            mvc.perform(bearer(get("/api/inventory"), rex)).andExpect(status().isOk())
                    .andExpect(jsonPath("$[?(@.forest == '" + SambaDc.DNS_DOMAIN + "')]").isNotEmpty());
            // a reviewer reads the inventory but does not start scans, like on the page
            mvc.perform(bearer(post("/api/inventory/scans"), rex).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"forest\":\"" + SambaDc.DNS_DOMAIN + "\"}")).andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            mvc.perform(bearer(post("/api/inventory/scans"), hilda).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"forest\":\"fabrikam.test\"}")).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("forest"))
                    .andExpect(jsonPath("$.detail").value("No directory connection is configured for forest fabrikam.test. "
                            + "An admin adds it under Directory."));
            mvc.perform(bearer(post("/api/inventory/scans"), hilda).contentType(MediaType.APPLICATION_JSON).content("{}"))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("forest"));

            String before = mvc.perform(bearer(get("/actuator/prometheus"), scrape)).andExpect(status().isOk()).andReturn()
                    .getResponse().getContentAsString();
            MvcResult started = mvc.perform(bearer(post("/api/inventory/scans"), hilda).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"forest\":\"" + SambaDc.DNS_DOMAIN + "\"}")).andExpect(status().isAccepted()).andReturn();
            String location = started.getResponse().getHeader("Location");
            assertThat(location).matches("/api/inventory/scans/\\d+");
            String body = poll(location, rex);
            assertThat((String) JsonPath.read(body, "$.status")).isEqualTo("FINISHED");
            assertThat((Integer) JsonPath.read(body, "$.spnsSeen")).isGreaterThanOrEqualTo(2);
            List<String> owners = JsonPath.read(body, "$.duplicates[?(@.spn == '" + SPN + "' || @.spn == '" + HIDDEN
                    + "')].owners[*].samAccountName");
            assertThat(owners).contains("API" + RUN + "A$", "API" + RUN + "B$");
            assertThat((List<Boolean>) JsonPath.read(body, "$.duplicates[?(@.spn == '" + SPN + "' || @.spn == '" + HIDDEN
                    + "')].lookAlike")).containsOnly(true);
            assertThat((List<String>) JsonPath.read(body, "$.suspicious[*].samAccountName")).contains("API" + RUN + "B$");

            // Prometheus learns of the scan: its duration and sizes by outcome, the forest no tag (ADR 38)
            String metrics = mvc.perform(bearer(get("/actuator/prometheus"), scrape)).andExpect(status().isOk()).andReturn()
                    .getResponse().getContentAsString();
            String finished = "outcome=\"FINISHED\"";
            assertThat(PrometheusText.value(metrics, "asa_inventory_scans_seconds_count", finished)
                    - PrometheusText.value(before, "asa_inventory_scans_seconds_count", finished)).isEqualTo(1);
            assertThat(PrometheusText.value(metrics, "asa_inventory_scans_seconds_sum", finished)
                    - PrometheusText.value(before, "asa_inventory_scans_seconds_sum", finished)).isPositive();
            assertThat(PrometheusText.value(metrics, "asa_inventory_scan_spns_sum", finished)
                    - PrometheusText.value(before, "asa_inventory_scan_spns_sum", finished))
                    .isEqualTo(((Number) JsonPath.read(body, "$.spnsSeen")).doubleValue());
            assertThat(PrometheusText.value(metrics, "asa_inventory_scan_accounts_sum", finished)
                    - PrometheusText.value(before, "asa_inventory_scan_accounts_sum", finished))
                    .isEqualTo(((Number) JsonPath.read(body, "$.accountsSeen")).doubleValue());
            assertThat(metrics.lines().filter(l -> l.startsWith("asa_inventory_"))).noneMatch(l -> l.contains(SambaDc.DNS_DOMAIN));
            for (String name : PrometheusText.dashboardMetrics("asa_inventory_")) {
                assertThat(metrics).as("the Grafana dashboard queries " + name).containsPattern("(?m)^" + name + "[{ ]");
            }

            // the file is streamed (asynchronously): MockMvc dispatches the stream's end as the container would
            MvcResult streaming = mvc.perform(bearer(get((String) JsonPath.read(body, "$.inventoryCsv")), rex))
                    .andExpect(request().asyncStarted()).andReturn();
            String csv = new String(mvc.perform(asyncDispatch(streaming)).andExpect(status().isOk())
                    .andExpect(content().contentTypeCompatibleWith("text/csv")).andReturn().getResponse().getContentAsByteArray(),
                    StandardCharsets.UTF_8);
            assertThat(csv.lines()).first().isEqualTo("\uFEFFaccount_dn,sam_account_name,spn");
            assertThat(csv.lines()).contains("\"CN=API" + RUN + "A," + OU + "\",API" + RUN + "A$," + SPN);

            long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
            mvc.perform(bearer(post(location + "/cancel"), hilda)).andExpect(status().isConflict())
                    .andExpect(jsonPath("$.detail").value("Scan " + id + " is FINISHED; only a running scan can be cancelled."));
            mvc.perform(bearer(get("/api/inventory/scans/999999"), rex)).andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.detail").value("There is no SPN scan 999999."));
            mvc.perform(bearer(get("/api/inventory/scans/999999/inventory.csv"), rex)).andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

            // a scan that did not finish has no inventory to export
            long failed = jdbc.sql("INSERT INTO spn_scan (forest, started_at, finished_at, status, accounts_seen, spns_seen, message) "
                    + "VALUES ('contoso.test', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'CANCELLED', 1, 1, 'Cancelled after 1 SPNs.')")
                    .update() > 0 ? jdbc.sql("SELECT MAX(id) FROM spn_scan").query(Long.class).single() : -1;
            mvc.perform(bearer(get("/api/inventory/scans/" + failed + "/inventory.csv"), rex)).andExpect(status().isConflict())
                    .andExpect(jsonPath("$.detail").value("Scan " + failed + " is CANCELLED; only a finished scan has a whole "
                            + "inventory to export."));

            assertThat(jdbc.sql("SELECT actor_name || ' ' || outcome || ' ' || target FROM audit_record WHERE action = "
                    + "'inventory.scan-started' ORDER BY seq").query(String.class).list()).containsExactly(
                            "hilda (API token scan-job) SUCCESS scan #" + id);
        } finally {
            LabOu.delete(dc, OU);
        }
    }

    private String poll(String location, String token) {
        return await("the scan at " + location + " to end").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> mvc.perform(bearer(get(location), token)).andExpect(status().isOk()).andReturn().getResponse()
                        .getContentAsString(), body -> !"RUNNING".equals(JsonPath.read(body, "$.status")));
    }
}
