package com.asaconsole.identity;

import static com.asaconsole.identity.TestAccounts.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.asaconsole.ConsoleTest;
import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Local accounts through the API, as an admin's script manages them with a token: created with roles and a
 * one-time password answered once (which then signs in), turned off and on, reset; the page's rules hold (not your
 * own account, admins only) and refusals are problem details. Resetting a password or turning an account off revokes
 * the account's API tokens, on the API and on the page alike, and the audit trail says why.
 */
@ConsoleTest
@AutoConfigureMockMvc
@DirtiesContext
class LocalAccountsApiTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcTemplate jdbc;
    @Autowired ApplicationContext context;

    @Test
    void anAdminsTokenCreatesTurnsOffAndResetsAccountsUnderThePagesRules() throws Exception {
        TestAccounts.create(context, "ada", "amber tidal compass", "ADMIN");
        TestAccounts.create(context, "hal", "granite river pencil", "HELPDESK");
        String ada = TestAccounts.apiToken(mvc, "ada", "amber tidal compass", "accounts-script", "");
        String hal = TestAccounts.apiToken(mvc, "hal", "granite river pencil", "helpdesk-script", "");

        String created = mvc.perform(bearer(post("/api/local-accounts"), ada).contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"rita.reviewer\",\"displayName\":\"Rita Reviewer\",\"roles\":[\"APPROVER\"]}"))
                .andExpect(status().isCreated()).andExpect(header().string("Location", "/api/local-accounts/rita.reviewer"))
                .andExpect(jsonPath("$.account.roles[0]").value("APPROVER")).andExpect(jsonPath("$.account.roles.length()").value(1))
                .andExpect(jsonPath("$.account.passwordChangeRequired").value(true))
                .andReturn().getResponse().getContentAsString();
        String oneTime = JsonPath.read(created, "$.oneTimePassword");
        assertThat(oneTime).hasSize(LocalAccounts.ONE_TIME_LENGTH);
        // the one-time password signs in (and leads to choosing one's own)
        mvc.perform(post("/login").with(csrf()).param("username", "rita.reviewer").param("password", oneTime))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/"));
        mvc.perform(bearer(get("/api/local-accounts"), ada)).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.username == 'rita.reviewer')].displayName").value("Rita Reviewer"));

        // bad input and the rules: a sentence each, nothing changed
        mvc.perform(bearer(post("/api/local-accounts"), ada).contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"rita.reviewer\",\"roles\":[\"APPROVER\"]}")).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("username"))
                .andExpect(jsonPath("$.detail").value("A local account named rita.reviewer exists already."));
        mvc.perform(bearer(post("/api/local-accounts"), ada).contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"otto\",\"roles\":[\"OWNER\"]}")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("roles"));
        mvc.perform(bearer(post("/api/local-accounts"), ada).contentType(MediaType.APPLICATION_JSON).content("{\"username\":"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("not valid JSON")));
        mvc.perform(bearer(post("/api/local-accounts/ada/disable"), ada)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("You are signed in with ada, so you can't turn it off.")));
        mvc.perform(bearer(post("/api/local-accounts/ada/reset-password"), ada)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("To change your own password, use Change my password."));
        mvc.perform(bearer(post("/api/local-accounts/nobody/disable"), ada)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("There is no local account nobody."));
        // only admins, reading included
        mvc.perform(bearer(get("/api/local-accounts"), hal)).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.title").value("Not allowed for your role"));
        mvc.perform(bearer(post("/api/local-accounts/rita.reviewer/disable"), hal)).andExpect(status().isForbidden());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM local_account WHERE username = 'otto'", Integer.class)).isZero();

        mvc.perform(bearer(post("/api/local-accounts/rita.reviewer/disable"), ada)).andExpect(status().isOk())
                .andExpect(jsonPath("$.enabled").value(false));
        mvc.perform(post("/login").with(csrf()).param("username", "rita.reviewer").param("password", oneTime))
                .andExpect(com.asaconsole.identity.TestAccounts.signInRefused());
        mvc.perform(bearer(post("/api/local-accounts/rita.reviewer/enable"), ada)).andExpect(status().isOk())
                .andExpect(jsonPath("$.enabled").value(true));
        String reset = mvc.perform(bearer(post("/api/local-accounts/rita.reviewer/reset-password"), ada)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String second = JsonPath.read(reset, "$.oneTimePassword");
        assertThat(second).isNotEqualTo(oneTime).hasSize(LocalAccounts.ONE_TIME_LENGTH);

        List<String> trail = jdbc.queryForList("SELECT action || ' by ' || actor_name FROM audit_record WHERE action LIKE 'local-account.%' "
                + "AND target = 'rita.reviewer' ORDER BY seq", String.class);
        assertThat(trail).containsExactly("local-account.created by ada (API token accounts-script)",
                "local-account.disabled by ada (API token accounts-script)", "local-account.enabled by ada (API token accounts-script)",
                "local-account.password-reset by ada (API token accounts-script)");
        String everywhere = jdbc.queryForList("SELECT * FROM audit_record").toString()
                + Files.readString(Path.of("target/test-logs/asa-console.json"));
        assertThat(everywhere).doesNotContain(oneTime).doesNotContain(second);
    }

    @Test
    void resettingAPasswordOrTurningAnAccountOffRevokesItsTokens() throws Exception {
        TestAccounts.create(context, "adm", "copper lantern meadow", "ADMIN");
        TestAccounts.create(context, "tom", "velvet harbor stone", "ADMIN");
        TestAccounts.create(context, "una", "walnut prism ember", "APPROVER");
        String admin = TestAccounts.apiToken(mvc, "adm", "copper lantern meadow", "admin-script", "");
        String tomFirst = TestAccounts.apiToken(mvc, "tom", "velvet harbor stone", "tom-ci", "");
        String tomSecond = TestAccounts.apiToken(mvc, "tom", "velvet harbor stone", "tom-metrics", ApiTokens.SCRAPE);
        String una = TestAccounts.apiToken(mvc, "una", "walnut prism ember", "una-itsm", "");
        mvc.perform(bearer(get("/api/plans"), tomFirst)).andExpect(status().isOk());
        mvc.perform(bearer(get("/actuator/prometheus"), tomSecond)).andExpect(status().isOk());

        // a reset through the API revokes every token of tom's, and only his
        mvc.perform(bearer(post("/api/local-accounts/tom/reset-password"), admin)).andExpect(status().isOk());
        mvc.perform(bearer(get("/api/plans"), tomFirst)).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("This API token (tom-ci) was revoked by adm (API token admin-script)."));
        mvc.perform(bearer(get("/actuator/prometheus"), tomSecond)).andExpect(status().isUnauthorized());
        mvc.perform(bearer(get("/api/plans"), una)).andExpect(status().isOk());
        mvc.perform(bearer(get("/api/plans"), admin)).andExpect(status().isOk());

        // turning una off on the page revokes hers; turning her on again does not bring it back
        MockHttpSession adm = signIn("adm", "copper lantern meadow");
        mvc.perform(post("/admin/local-accounts/una/disable").with(csrf()).session(adm)).andExpect(status().is3xxRedirection());
        mvc.perform(post("/admin/local-accounts/una/enable").with(csrf()).session(adm)).andExpect(status().is3xxRedirection());
        mvc.perform(bearer(get("/api/plans"), una)).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("This API token (una-itsm) was revoked by adm."));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_token WHERE revoked_at IS NULL AND name IN ('tom-ci', 'tom-metrics', "
                + "'una-itsm')", Integer.class)).isZero();

        List<Map<String, Object>> revoked = jdbc.queryForList("SELECT target, actor_name, details FROM audit_record "
                + "WHERE action = 'api-token.revoked' ORDER BY seq");
        assertThat(revoked).extracting(r -> r.get("TARGET") + " / " + r.get("ACTOR_NAME")).containsExactlyInAnyOrder(
                "API token tom-ci (" + tomFirst.substring(0, 8) + "…) of tom / adm (API token admin-script)",
                "API token tom-metrics (" + tomSecond.substring(0, 8) + "…) of tom / adm (API token admin-script)",
                "API token una-itsm (" + una.substring(0, 8) + "…) of una / adm");
        assertThat(revoked.toString()).contains("password reset").contains("account turned off");
    }

    private MockHttpSession signIn(String username, String password) throws Exception {
        return (MockHttpSession) mvc.perform(post("/login").with(csrf()).param("username", username).param("password", password))
                .andExpect(redirectedUrl("/")).andReturn().getRequest().getSession(false);
    }
}
