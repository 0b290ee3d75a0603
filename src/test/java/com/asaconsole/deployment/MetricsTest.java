package com.asaconsole.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;

import com.asaconsole.ConsoleTest;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.identity.TestAccounts;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.PrometheusText;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;
import com.asaconsole.lab.cas.CasMemberSimulator;
import com.asaconsole.lab.cas.SimulatedCasMembers;
import com.asaconsole.remoting.ExchangeVersion;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Prometheus scrapes /actuator/prometheus with an admin's scrape token, and a job run against the Samba DC and a
 * CAS member SIMULATOR moves what the dashboard shows: job runs by outcome, steps, approval waiting time, remote
 * calls and LDAP operations by outcome, and the audit chain's length. Other roles and anonymous callers read nothing.
 */
@ConsoleTest
@AutoConfigureMockMvc
@DirtiesContext
@ExtendWith(SambaLab.class)
@LabTest
class MetricsTest {


    @DynamicPropertySource
    static void winrm(DynamicPropertyRegistry registry) {
        RemoteDeploymentTest.winrm(registry);
    }

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationContext context;
    @Autowired DirectorySettings settings;
    @Autowired ChangeRequests changes;
    @Autowired Jobs jobs;

    SambaDc dc;
    SimulatedCasMembers lab;
    CasMemberSimulator cas1;

    @BeforeEach
    void lab(SambaDc dc) {
        this.dc = dc;
        LabDirectory.connect(settings, dc);
        lab = new SimulatedCasMembers(dc, List.of());
        cas1 = lab.start("cas1.contoso.test", ExchangeVersion.EXCHANGE_2016);
    }

    @AfterEach
    void stopMembers() {
        lab.close();
    }

    @Test
    void aScrapeTokenReadsTheMetricsAndAJobMovesThem() throws Exception {
        TestAccounts.create(context, "ops", "harbor lilac engine", "ADMIN");
        String scrape = TestAccounts.apiToken(mvc, "ops", "harbor lilac engine", "prometheus", "SCRAPE");
        MockHttpSession ops = (MockHttpSession) mvc.perform(post("/login").with(csrf()).param("username", "ops")
                .param("password", "harbor lilac engine")).andExpect(redirectedUrl("/")).andReturn().getRequest().getSession(false);

        mvc.perform(get("/actuator/prometheus").with(user("hal").roles("HELPDESK"))).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/prometheus").with(user("abe").roles("APPROVER"))).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/prometheus")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer asa_wrong")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/prometheus").session(ops)).andExpect(status().isOk());
        String before = scrape(scrape);

        LabEstate estate = new LabEstate(mvc, jdbc, dc, 2, List.of(RemoteDeploymentTest.server(cas1)),
                java.util.UUID.randomUUID().toString().substring(0, 6));
        ChangeRequest change = changes.submit(estate.storePlan(), List.of("create-account", "deploy-credential", "assign-spns"),
                DeploymentJobTest.ALICE);
        changes.approve(change.id(), change.contentHash(), DeploymentJobTest.BOB, "ok");
        DeploymentJob job = awaitEnd(jobs.start(change.id(), DeploymentJobTest.DAVE).id());
        assertThat(job.status()).as(jobs.log(job.id()).toString()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        String after = scrape(scrape);

        assertThat(value(after, "asa_job_runs_seconds_count", "outcome=\"SUCCEEDED\"")
                - value(before, "asa_job_runs_seconds_count", "outcome=\"SUCCEEDED\"")).isEqualTo(1);
        assertThat(value(after, "asa_job_runs_seconds_sum", "outcome=\"SUCCEEDED\"")).isPositive();
        for (String step : List.of("create-account", "set-encryption-types", "deploy-credential", "reset-password", "assign-spns")) {
            assertThat(value(after, "asa_job_steps_seconds_count", "outcome=\"DONE\"", "step=\"" + step + "\"")
                    - value(before, "asa_job_steps_seconds_count", "outcome=\"DONE\"", "step=\"" + step + "\"")).as(step).isEqualTo(1);
        }
        assertThat(value(after, "asa_change_approval_wait_seconds_count", "decision=\"APPROVED\"")
                - value(before, "asa_change_approval_wait_seconds_count", "decision=\"APPROVED\"")).isEqualTo(1);
        assertThat(value(after, "asa_remote_calls_seconds_count", "outcome=\"success\"")
                - value(before, "asa_remote_calls_seconds_count", "outcome=\"success\"")).isGreaterThanOrEqualTo(2);
        assertThat(value(after, "asa_ldap_operations_seconds_count", "operation=\"write-add\"", "outcome=\"success\"")
                - value(before, "asa_ldap_operations_seconds_count", "operation=\"write-add\"", "outcome=\"success\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(after, "asa_ldap_operations_seconds_count", "operation=\"write-modify\"", "outcome=\"success\"")
                - value(before, "asa_ldap_operations_seconds_count", "operation=\"write-modify\"", "outcome=\"success\""))
                .isGreaterThanOrEqualTo(estate.spns().size());
        long records = jdbc.sql("SELECT MAX(seq) FROM audit_record").query(Long.class).single();
        assertThat(value(after, "asa_audit_chain_length")).isGreaterThan(value(before, "asa_audit_chain_length"))
                .isLessThanOrEqualTo(records);
        assertThat(after).doesNotContain(scrape.substring(4));

        // every console metric the sample Grafana dashboard queries is in the scrape (those of scans and of the estate checks
        // appear once a scan or a round happened: InventoryApiTest and HealthApiTest check them)
        java.util.Set<String> queried = PrometheusText.dashboardMetrics("asa_");
        queried.removeIf(name -> name.startsWith("asa_inventory_") || name.startsWith("asa_health_"));
        for (String name : queried) {
            assertThat(after).as("the dashboard queries " + name).containsPattern("(?m)^" + name + "[{ ]");
        }
        assertThat(queried).hasSizeGreaterThan(8);
    }

    private String scrape(String token) throws Exception {
        return mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer " + token)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    /** The sum of a metric's samples that carry every label given (0 when there are none yet). */
    static double value(String scrape, String metric, String... labels) {
        return PrometheusText.value(scrape, metric, labels);
    }

    private DeploymentJob awaitEnd(long jobId) throws InterruptedException {
        return JobEnds.await(jobs, jobId, Duration.ofSeconds(90));
    }
}
