package com.asaconsole.deployment;

import static com.asaconsole.identity.TestAccounts.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import com.asaconsole.ConsoleTest;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.identity.TestAccounts;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.LabPeople;
import com.asaconsole.lab.LabTest;
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
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * An API token of a person who signs in with their AD account (against the Samba DC, roles from AD groups) acts as
 * that person's stable identity (their SID), not as the token: the change a directory admin submits with her token
 * can't be approved by her, neither with a second, reviewer-only token nor in her browser session; a local reviewer's
 * token approves it. The trail names her SID for both her token and her session. When AD disables her, her tokens
 * stop at once.
 */
@ConsoleTest
@AutoConfigureMockMvc
@DirtiesContext
@ExtendWith(SambaLab.class)
@LabTest
class DirectoryTokensTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 4);
    static final String PASSWORD = "Pw-" + UUID.randomUUID() + "-9x";

    @DynamicPropertySource
    static void directorySignIn(DynamicPropertyRegistry registry) {
        registry.add("asa.identity.directory.forest", () -> "contoso.test");
        registry.add("asa.identity.directory.role-groups.ADMIN", () -> "Tokens-Admins-" + RUN);
        registry.add("asa.identity.directory.role-groups.APPROVER", () -> "Tokens-Approvers-" + RUN);
        registry.add("asa.identity.directory.recheck-interval", () -> "0s");
    }

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationContext context;
    @Autowired DirectorySettings settings;

    @Test
    void aDirectoryUsersTokenActsAsHerStableIdentityForFourEyes(SambaDc dc) throws Exception {
        LabDirectory.connect(settings, dc);
        LabPeople people = new LabPeople(dc);
        String doraDn = people.user("dora" + RUN, "Dora Directory", PASSWORD);
        people.group("Tokens-Admins-" + RUN, List.of(doraDn));
        people.group("Tokens-Approvers-" + RUN, List.of(doraDn));
        TestAccounts.create(context, "lars", "linen comet harbor", "APPROVER");

        String dora = TestAccounts.apiToken(mvc, "dora" + RUN, PASSWORD, "ci", "");
        String doraReviews = TestAccounts.apiToken(mvc, "dora" + RUN, PASSWORD, "review", "APPROVER");
        String lars = TestAccounts.apiToken(mvc, "lars", "linen comet harbor", "itsm", "");
        List<String> owners = jdbc.sql("SELECT DISTINCT owner_id FROM api_token WHERE name IN ('ci', 'review')").query(String.class).list();
        assertThat(owners).as("both tokens belong to her SID").hasSize(1).first().asString().startsWith("sid:S-1-5-21-");
        String sid = owners.get(0);

        int version = new LabEstate(mvc, jdbc, dc, 1).storePlan();
        String submitted = mvc.perform(bearer(post("/api/changes"), dora).contentType(MediaType.APPLICATION_JSON)
                .content("{\"planVersion\": " + version + ", \"steps\": [\"create-account\"]}")).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(submitted, "$.id")).longValue();
        String hash = JsonPath.read(submitted, "$.contentHash");
        assertThat((String) JsonPath.read(submitted, "$.submitted.id")).isEqualTo(sid);
        String decision = "{\"contentHash\":\"" + hash + "\"}";

        // her second token, and her own session (signed in with a different spelling of her name), are her
        String fourEyes = "You submitted this change, so someone else must review it (four-eyes rule).";
        mvc.perform(bearer(post("/api/changes/" + id + "/approve"), doraReviews).contentType(MediaType.APPLICATION_JSON).content(decision))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail").value(fourEyes));
        MockHttpSession session = (MockHttpSession) mvc.perform(post("/login").with(csrf())
                .param("username", "CONTOSO\\dora" + RUN).param("password", PASSWORD)).andExpect(redirectedUrl("/")).andReturn()
                .getRequest().getSession(false);
        String csrfToken = JsonPath.read(mvc.perform(get("/api/csrf").session(session)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(), "$.token");
        mvc.perform(post("/api/changes/" + id + "/approve").session(session).header("X-CSRF-TOKEN", csrfToken)
                .contentType(MediaType.APPLICATION_JSON).content(decision))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail").value(fourEyes));
        assertThat(jdbc.sql("SELECT status FROM change_request WHERE id = :id").param("id", id).query(String.class).single())
                .isEqualTo("SUBMITTED");

        // a local reviewer is another person
        mvc.perform(bearer(post("/api/changes/" + id + "/approve"), lars).contentType(MediaType.APPLICATION_JSON).content(decision))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("APPROVED"));
        assertThat(jdbc.sql("SELECT actor_id || ' ' || actor_name FROM audit_record WHERE action = 'change.submitted'")
                .query(String.class).list()).containsExactly(sid + " Dora Directory (API token ci)");

        // AD disables her: her tokens stop on their next call
        people.disable(doraDn);
        mvc.perform(bearer(get("/api/changes/" + id), dora)).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("The owner of this API token (Dora Directory) is turned off or gone."));
    }
}
