package com.asaconsole.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.asaconsole.ConsoleTest;
import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.DirectoryGateway;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.directory.ForestDirectory;
import com.asaconsole.identity.TestAccounts;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;
import com.asaconsole.lab.cas.CasMemberSimulator;
import com.asaconsole.lab.cas.SimulatedCasMembers;
import com.asaconsole.remoting.ExchangeVersion;
import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A change from submission to a finished job through the API with tokens alone, against the Samba DC and a CAS
 * member SIMULATOR: the admin's token submits, a reviewer's token approves exactly the content hash it read, the
 * admin's token runs it and polls the job to its end; the ASA and its SPNs are then in AD. One person's two tokens
 * can't submit and approve the same change. Refusals are problem details with the pages' sentences. (The lab estate
 * itself is entered through the topology pages, as in the other job tests; the change flow uses no session. A plan
 * covers the whole topology, so each test gets a fresh console.)
 */
@ConsoleTest
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@ExtendWith(SambaLab.class)
@LabTest
class ChangesApiTest {

    private static final MediaType JSON = MediaType.APPLICATION_JSON;

    @DynamicPropertySource
    static void winrm(DynamicPropertyRegistry registry) {
        RemoteDeploymentTest.winrm(registry);
    }

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationContext context;
    @Autowired DirectorySettings settings;
    @Autowired DirectoryGateway gateway;

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
    void aChangeGoesFromSubmissionToAFinishedJobWithTokensAlone() throws Exception {
        LabEstate estate = new LabEstate(mvc, jdbc, dc, 2, List.of(RemoteDeploymentTest.server(cas1)),
                java.util.UUID.randomUUID().toString().substring(0, 6));
        int version = estate.storePlan();
        TestAccounts.create(context, "ada", "amber tidal compass", "ADMIN");
        TestAccounts.create(context, "rex", "cedar violet anchor", "APPROVER");
        String ada = token("ada", "amber tidal compass", "ci-runner", "");
        String rex = token("rex", "cedar violet anchor", "itsm", "");

        // the admin's token submits: 201, where it is, and the exact operations with their hash
        String submitted = mvc.perform(bearer(post("/api/changes"), ada).contentType(JSON).content("""
                {"planVersion": %d, "steps": ["create-account", "deploy-credential", "assign-spns"], "members": "%s"}"""
                .formatted(version, cas1.host()))).andExpect(status().isCreated())
                .andExpect(header().string("Location", org.hamcrest.Matchers.matchesPattern("/api/changes/[0-9]+")))
                .andExpect(jsonPath("$.status").value("SUBMITTED")).andExpect(jsonPath("$.members[0]").value(cas1.host()))
                .andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(submitted, "$.id")).longValue();
        String hash = JsonPath.read(submitted, "$.contentHash");
        Map<String, Object> stored = jdbc.sql("SELECT content_hash, operations FROM change_request WHERE id = :id").param("id", id)
                .query().singleRow();
        assertThat(hash).isEqualTo(stored.get("content_hash")).hasSize(64);

        // the reviewer reads the very operations that will run, and decides on the hash read
        String read = mvc.perform(bearer(get("/api/changes/" + id), rex)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat((String) JsonPath.read(read, "$.operations")).isEqualTo(stored.get("operations").toString())
                .contains("=== [assign-spns " + estate.spns().get(0));
        assertThat((String) JsonPath.read(read, "$.notRunnable")).isEqualTo("Change " + id + " is submitted, not approved.");
        refused(bearer(post("/api/changes/" + id + "/approve"), rex).contentType(JSON).content("{\"contentHash\":\"" + "0".repeat(64) + "\"}"),
                "The change is not the one you reviewed (its content hash differs). Reload it and review again.");
        mvc.perform(bearer(post("/api/changes/" + id + "/approve"), rex).contentType(JSON).content("{}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("contentHash"));
        mvc.perform(bearer(post("/api/changes/" + id + "/approve"), ada).contentType(JSON).content("{\"contentHash\":\"" + hash + "\"}"))
                .andExpect(status().isForbidden()).andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        refused(bearer(post("/api/changes/" + id + "/run"), ada), "Change " + id + " is submitted, not approved.");
        mvc.perform(bearer(post("/api/changes/" + id + "/approve"), rex).contentType(JSON)
                .content("{\"contentHash\":\"" + hash + "\",\"comment\":\"CAB-1234 approved\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("APPROVED"))
                .andExpect(jsonPath("$.decided.name").value("rex (API token itsm)")).andExpect(jsonPath("$.notRunnable").doesNotExist());

        // the admin's token runs it and polls the job to its end
        String started = mvc.perform(bearer(post("/api/changes/" + id + "/run"), ada)).andExpect(status().isAccepted())
                .andReturn().getResponse().getHeader("Location");
        assertThat(started).matches("/api/jobs/[0-9]+");
        String job = poll(started, ada);
        assertThat((String) JsonPath.read(job, "$.status")).as(job).isEqualTo("SUCCEEDED");
        assertThat((Boolean) JsonPath.read(job, "$.finished")).isTrue();
        List<String> stepStates = JsonPath.read(job, "$.steps[*].status");
        assertThat(stepStates).isNotEmpty().containsOnly("DONE");
        List<String> keys = JsonPath.read(job, "$.steps[*].key");
        assertThat(keys).containsExactly("create-account", "set-encryption-types", "deploy-credential", "reset-password", "assign-spns");
        List<String> credentialTargets = JsonPath.read(job, "$.steps[?(@.key == 'deploy-credential')].targets[*].target");
        assertThat(credentialTargets).containsExactly(cas1.host());
        List<String> credentialStates = JsonPath.read(job, "$.steps[?(@.key == 'deploy-credential')].targets[*].status");
        assertThat(credentialStates).containsExactly("DONE");
        // a second run answers the same job
        assertThat(mvc.perform(bearer(post("/api/changes/" + id + "/run"), ada)).andExpect(status().isAccepted()).andReturn()
                .getResponse().getHeader("Location")).isEqualTo(started);

        // what the job did is in AD
        ForestDirectory directory = gateway.open(settings.connection(SambaDc.DNS_DOMAIN));
        AccountState asa = directory.findAccount(estate.asaSam).orElseThrow();
        assertThat(asa.spns()).containsExactlyInAnyOrderElementsOf(estate.spns());

        // the trail names the owner (stable id) and the token of each step
        List<String> trail = jdbc.sql("SELECT action || ' by ' || actor_name FROM audit_record WHERE correlation = :c "
                + "AND (action LIKE 'change.%' OR action = 'job.queued') ORDER BY seq").param("c", ChangeRequests.correlation(id))
                .query(String.class).list();
        assertThat(trail).containsExactly("change.submitted by ada (API token ci-runner)", "change.approved by rex (API token itsm)",
                "job.queued by ada (API token ci-runner)");
        assertThat(jdbc.sql("SELECT submitted_by_id FROM change_request WHERE id = :id").param("id", id).query(String.class).single())
                .startsWith("local:");

        mvc.perform(bearer(get("/api/changes/999999"), rex)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("There is no change 999999."));
        mvc.perform(bearer(get("/api/jobs/999999"), ada)).andExpect(status().isNotFound());
        mvc.perform(bearer(post("/api/changes"), ada).contentType(JSON).content("{\"planVersion\":")).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        refused(bearer(post("/api/changes"), ada).contentType(JSON).content("{\"planVersion\": 9999}"), "There is no plan version 9999.");
    }

    @Test
    void onePersonsTwoTokensCannotSubmitAndApproveTheSameChange() throws Exception {
        LabEstate estate = new LabEstate(mvc, jdbc, dc, 1, List.of(RemoteDeploymentTest.server(cas1)),
                java.util.UUID.randomUUID().toString().substring(0, 6));
        int version = estate.storePlan();
        TestAccounts.create(context, "pat", "marble kettle fjord", "ADMIN", "APPROVER");
        String asAdmin = token("pat", "marble kettle fjord", "submit", "ADMIN");
        String asReviewer = token("pat", "marble kettle fjord", "review", "APPROVER");
        String submitted = mvc.perform(bearer(post("/api/changes"), asAdmin).contentType(JSON)
                .content("{\"planVersion\": " + version + ", \"steps\": [\"create-account\"]}")).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(submitted, "$.id")).longValue();
        String hash = JsonPath.read(submitted, "$.contentHash");
        refused(bearer(post("/api/changes/" + id + "/approve"), asReviewer).contentType(JSON).content("{\"contentHash\":\"" + hash + "\"}"),
                "You submitted this change, so someone else must review it (four-eyes rule).");
        // the admin-only token can't approve at all, and the reviewer-only token can't withdraw
        mvc.perform(bearer(post("/api/changes/" + id + "/approve"), asAdmin).contentType(JSON).content("{\"contentHash\":\"" + hash + "\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(bearer(post("/api/changes/" + id + "/withdraw"), asReviewer)).andExpect(status().isForbidden());
        assertThat(jdbc.sql("SELECT status FROM change_request WHERE id = :id").param("id", id).query(String.class).single())
                .isEqualTo("SUBMITTED");
        mvc.perform(bearer(post("/api/changes/" + id + "/withdraw"), asAdmin).contentType(JSON).content("{\"reason\":\"wrong window\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("WITHDRAWN"));
        refused(bearer(post("/api/changes/" + id + "/withdraw"), asAdmin),
                "Change " + id + " is withdrawn; only a submitted or approved change can be withdrawn.");
    }

    private void refused(MockHttpServletRequestBuilder request, String sentence) throws Exception {
        mvc.perform(request).andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:asa-console:problem:change-refused"))
                .andExpect(jsonPath("$.detail").value(sentence));
    }

    /** The job's API answer once it has finished or paused (Awaitility, polling the API as a script would). */
    private String poll(String location, String token) {
        return await("the job at " + location + " to end").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> mvc.perform(bearer(get(location), token)).andExpect(status().isOk()).andReturn().getResponse()
                        .getContentAsString(), body -> (Boolean) JsonPath.read(body, "$.finished")
                        || "PAUSED".equals(JsonPath.read(body, "$.status")));
    }

    private String token(String username, String password, String name, String scope) throws Exception {
        return TestAccounts.apiToken(mvc, username, password, name, scope);
    }

    private static MockHttpServletRequestBuilder bearer(MockHttpServletRequestBuilder request, String token) {
        return request.header("Authorization", "Bearer " + token);
    }
}
