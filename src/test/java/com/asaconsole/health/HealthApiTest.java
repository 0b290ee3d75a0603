package com.asaconsole.health;

import static com.asaconsole.identity.TestAccounts.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.asaconsole.ConsoleTest;
import com.asaconsole.deployment.LabEstate;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.identity.TestAccounts;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.PrometheusText;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;
import com.asaconsole.lab.cas.CasMemberSimulator;
import com.asaconsole.lab.cas.LabWinRm;
import com.asaconsole.lab.cas.SimulatedCasMembers;
import com.asaconsole.remoting.ExchangeVersion;
import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The estate checks through the API with tokens, against the Samba DC and a CAS member SIMULATOR: a planned estate
 * that was never deployed (no ASA in AD, no SPN registered, no credential on the member). A helpdesk token asks for
 * a round, polls GET /api/health until that round is the latest, and reads each subject's verdict with the evidence
 * the checks read, exactly as the health page's source reports it; a reviewer's token reads but does not start rounds.
 * Prometheus, scraping with an admin's scrape token, then sees the round's verdicts and the member's logons.
 */
@ConsoleTest
@AutoConfigureMockMvc
@DirtiesContext
@ExtendWith(SambaLab.class)
@LabTest
class HealthApiTest {

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        LabWinRm.register(registry);
        // no scheduled round during the test: the one read is the one the API asked for
        registry.add("asa.health.interval", () -> "1h");
        registry.add("asa.health.metrics-refresh", () -> "1s");
    }

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationContext context;
    @Autowired DirectorySettings settings;
    @Autowired EstateHealth health;

    @Test
    void aHelpdeskTokenAsksForARoundAndReadsEachVerdictWithItsEvidence(SambaDc dc) throws Exception {
        LabDirectory.connect(settings, dc);
        String tag = java.util.UUID.randomUUID().toString().substring(0, 6);
        try (SimulatedCasMembers lab = new SimulatedCasMembers(dc, List.of("http/ns1-" + tag + ".contoso.test"))) {
            CasMemberSimulator member = lab.start("cas1.contoso.test", ExchangeVersion.EXCHANGE_2016);
            LabEstate estate = new LabEstate(mvc, jdbc, dc, 1, List.of(new LabEstate.Server(member.host(),
                    "https://" + member.host() + ":" + member.port() + "/wsman", member.version().name())), tag);
            int plan = estate.storePlan();
            TestAccounts.create(context, "hilda", "Helpdesk-Test-Pw-7", "HELPDESK");
            TestAccounts.create(context, "rex", "cedar violet anchor", "APPROVER");
            String hilda = TestAccounts.apiToken(mvc, "hilda", "Helpdesk-Test-Pw-7", "monitoring", "");
            String rex = TestAccounts.apiToken(mvc, "rex", "cedar violet anchor", "itsm", "");
            TestAccounts.create(context, "ops", "harbor lilac engine", "ADMIN");
            String scrape = TestAccounts.apiToken(mvc, "ops", "harbor lilac engine", "prometheus", "SCRAPE");
            long before = health.latest().map(HealthRound::id).orElse(0L);

            mvc.perform(bearer(post("/api/health/check"), rex)).andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            mvc.perform(bearer(post("/api/health/check"), hilda)).andExpect(status().isAccepted())
                    .andExpect(header().string("Location", "/api/health"));
            String body = poll(rex, before);

            assertThat((Integer) JsonPath.read(body, "$.round.planVersion")).isEqualTo(plan);
            assertThat((String) JsonPath.read(body, "$.round.trigger")).isEqualTo("ON_DEMAND");
            assertThat((String) JsonPath.read(body, "$.round.verdict")).isEqualTo("FAIL");
            assertThat((List<String>) JsonPath.read(body, "$.subjects[?(@.kind == 'MEMBER')].name")).containsExactly(member.host());
            assertThat((List<String>) JsonPath.read(body, "$.subjects[?(@.kind == 'NAMESPACE')].name"))
                    .containsExactlyElementsOf(estate.spns());
            assertThat((List<String>) JsonPath.read(body, "$.subjects[?(@.kind == 'ASA')].verdict")).containsExactly("FAIL");
            // the SPN is registered nowhere: a failing registration check with what was read in the directory as evidence
            List<Map<String, Object>> registration = JsonPath.read(body, "$.subjects[?(@.kind == 'NAMESPACE')].checks[?(@.check == "
                    + "'spn-registration')]");
            assertThat(registration).singleElement().satisfies(c -> {
                assertThat(c.get("verdict")).isEqualTo("FAIL");
                assertThat((String) c.get("evidence")).isNotBlank();
                assertThat((String) c.get("sentence")).isNotBlank();
            });

            // the API answers what the health page's source reports, check by check
            EstateHealth.Report report = health.report().orElseThrow();
            List<String> expected = new ArrayList<>();
            report.subjects().forEach(s -> s.checks().forEach(c -> expected.add(s.kind() + " " + s.name() + " " + c.result().check() + " "
                    + c.result().verdict() + " " + c.result().cause() + " " + c.result().evidence())));
            List<String> answered = new ArrayList<>();
            List<Map<String, Object>> subjects = JsonPath.read(body, "$.subjects");
            for (Map<String, Object> s : subjects) {
                for (Map<String, Object> c : (List<Map<String, Object>>) s.get("checks")) {
                    answered.add(s.get("kind") + " " + s.get("name") + " " + c.get("check") + " " + c.get("verdict") + " " + c.get("cause")
                            + " " + c.get("evidence"));
                }
            }
            assertThat(answered).isNotEmpty().containsExactlyElementsOf(expected);
            assertThat(answered).anyMatch(a -> a.startsWith("ASA ") && !a.contains(" OK OK "));

            // Prometheus learns the round's verdicts by kind and check, and the member's logons by package (ADR 38)
            long round = ((Number) JsonPath.read(body, "$.round.id")).longValue();
            Map<String, Object> logons = ((List<Map<String, Object>>) JsonPath.read(body,
                    "$.subjects[?(@.kind == 'MEMBER')].checks[?(@.check == 'logons')]")).get(0);
            String metrics = scrapeAfter(scrape, report.round().startedAt().getEpochSecond());
            for (EstateHealth.Subject s : report.subjects()) {
                for (EstateHealth.Check c : s.checks()) {
                    String check = c.result().check();
                    long count = report.subjects().stream().flatMap(x -> x.checks().stream()).filter(x -> x.result().kind() == s.kind()
                            && x.result().check().equals(check) && x.result().verdict() == c.result().verdict()).count();
                    assertThat(PrometheusText.value(metrics, "asa_health_checks", "kind=\"" + s.kind() + "\"", "check=\"" + check + "\"",
                            "verdict=\"" + c.result().verdict() + "\"")).as(s.kind() + " " + check).isEqualTo(count);
                }
            }
            assertThat(PrometheusText.value(metrics, "asa_health_checks", "verdict=\"FAIL\"")).isEqualTo(report.round().fail());
            assertThat(PrometheusText.value(metrics, "asa_health_logons", "member=\"cas1.contoso.test\"", "package=\"kerberos\""))
                    .isEqualTo(((Number) logons.get("kerberosLogons")).doubleValue());
            assertThat(PrometheusText.has(metrics, "asa_health_logons", "member=\"cas1.contoso.test\"", "package=\"ntlm\"")).isTrue();
            long all = ((Number) logons.get("kerberosLogons")).longValue() + ((Number) logons.get("ntlmLogons")).longValue();
            assertThat(PrometheusText.has(metrics, "asa_health_kerberos_share", "member=\"cas1.contoso.test\"")).isEqualTo(all > 0);
            assertThat(round).isPositive();
            for (String name : PrometheusText.dashboardMetrics("asa_health_")) {
                if (name.equals("asa_health_kerberos_share") && all == 0) {
                    continue; // no share without logons; asserted absent above
                }
                assertThat(metrics).as("the Grafana dashboard queries " + name).containsPattern("(?m)^" + name + "[{ ]");
            }

            mvc.perform(bearer(get("/api/health/rounds?count=5"), rex)).andExpect(status().isOk())
                    .andExpect(jsonPath("$[0].id").value(((Number) JsonPath.read(body, "$.round.id")).longValue()));
        }
    }

    /** Scrapes with the token until the gauges show the round that started at {@code started} (they refresh every second here). */
    private String scrapeAfter(String token, long started) {
        return await("the metrics to show the round started at " + started).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> mvc.perform(bearer(get("/actuator/prometheus"), token)).andExpect(status().isOk()).andReturn().getResponse()
                        .getContentAsString(), metrics -> PrometheusText.value(metrics, "asa_health_round_started_seconds") == started);
    }

    /** GET /api/health until a round newer than {@code before} is the latest (the scheduler starts it within seconds). */
    private String poll(String token, long before) {
        return await("a round newer than " + before).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> mvc.perform(bearer(get("/api/health"), token)).andExpect(status().isOk()).andReturn().getResponse()
                        .getContentAsString(), body -> {
                            Object id = JsonPath.read(body, "$.round") == null ? null : JsonPath.read(body, "$.round.id");
                            return id != null && ((Number) id).longValue() > before;
                        });
    }
}
