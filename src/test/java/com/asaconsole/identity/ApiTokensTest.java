package com.asaconsole.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.asaconsole.ConsoleTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Personal API tokens as a script's owner and an admin use them: shown once, kept as a hash, listed with last use,
 * accepted as {@code Authorization: Bearer} without a CSRF token (a session still needs one), acting as the owner
 * with the token's name in the audit trail, refused once revoked (by the owner or an admin), expired or when the
 * owner is turned off; a narrower role holds. The token's value never reaches a page after creation, the audit
 * trail or the log.
 */
@ConsoleTest
@AutoConfigureMockMvc
@DirtiesContext
class ApiTokensTest {

    private static final Pattern VALUE = Pattern.compile("id=\"token-value\">(asa_[A-Za-z0-9_-]+)<");
    private static final String FOREST = """
            {"dnsName":"%s","netbiosName":"%s","ldapsEndpoint":"ldaps://dc01.%s:636",
             "globalCatalogEndpoint":"ldaps://dc01.%s:3269","asaOu":"OU=Service Accounts,DC=x,DC=com"}""";

    @Autowired MockMvc mvc;
    @Autowired JdbcTemplate jdbc;
    @Autowired ApplicationContext context;
    @Autowired LocalAccountRepository accounts;
    @Autowired PasswordEncoder encoder;

    @Test
    void aTokenIsShownOnceStoredHashedAndCallsTheApiAsItsOwnerWithoutCsrf() throws Exception {
        TestAccounts.create(context, "ada", "amber tidal compass", "ADMIN");
        MockHttpSession ada = signIn("ada", "amber tidal compass");
        String created = mvc.perform(post("/account/api-tokens").with(csrf()).session(ada).param("name", "servicenow-prod")
                .param("days", "30").param("scope", "")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(created).contains("API token servicenow-prod created").contains("shown this once");
        String token = value(created);

        // kept as its SHA-256 only
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM api_token WHERE name = 'servicenow-prod'");
        assertThat(row.get("TOKEN_HASH")).isEqualTo(ApiTokens.hash(token));
        assertThat(row.values().toString()).doesNotContain(token);
        assertThat(row.get("OWNER_ID").toString()).startsWith("local:");

        String list = page("/account/api-tokens", ada);
        assertThat(list).contains("servicenow-prod").contains(token.substring(0, 8) + "…").contains("never").doesNotContain(token);

        // a write with the token alone: no session, no CSRF token; the audit names the owner and the token
        mvc.perform(bearer(post("/api/topology/forests"), token).contentType(MediaType.APPLICATION_JSON)
                .content(FOREST.formatted("tokens.test", "TOKENS", "tokens.test", "tokens.test")))
                .andExpect(status().isCreated());
        Map<String, Object> saved = jdbc.queryForMap("SELECT actor_id, actor_name FROM audit_record WHERE action = 'topology.saved' "
                + "ORDER BY seq DESC LIMIT 1");
        assertThat(saved.get("ACTOR_ID")).isEqualTo(row.get("OWNER_ID"));
        assertThat(saved.get("ACTOR_NAME")).isEqualTo("ada (API token servicenow-prod)");
        assertThat(page("/account/api-tokens", ada)).doesNotContain("never").doesNotContain(token);

        // the same write in the session still needs its CSRF token
        mvc.perform(post("/api/topology/forests").session(ada).contentType(MediaType.APPLICATION_JSON)
                .content(FOREST.formatted("session.test", "SESSION", "session.test", "session.test")))
                .andExpect(status().isForbidden()).andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("CSRF token missing or wrong"));
        // a wrong bearer token is refused even when a valid session cookie comes along: no fall-back to the cookie
        mvc.perform(bearer(post("/api/topology/forests"), "asa_notarealtoken").session(ada).contentType(MediaType.APPLICATION_JSON)
                .content(FOREST.formatted("cookie.test", "COOKIE", "cookie.test", "cookie.test")))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.detail").value(
                        "This API token is not known. Check that you copied all of it, or create a new one."));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM forest WHERE dns_name IN ('session.test', 'cookie.test')", Integer.class))
                .isZero();
        // pages are for people: a token opens none
        mvc.perform(bearer(get("/changes"), token)).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.title").value("API tokens are for the API only"));

        assertThat(jdbc.queryForList("SELECT action, target, details FROM audit_record WHERE action = 'api-token.created'").toString())
                .contains("API token servicenow-prod (" + token.substring(0, 8) + "…) of ada").doesNotContain(token);
        assertThat(Files.readString(Path.of("target/test-logs/asa-console.json"))).doesNotContain(token.substring(4));
    }

    @Test
    void revokedExpiredAndTurnedOffOwnersTokensAreRefusedAndOnlyOwnersAndAdminsRevoke() throws Exception {
        TestAccounts.create(context, "bea", "silver orchard lamp", "ADMIN");
        TestAccounts.create(context, "hal", "granite river pencil", "HELPDESK");
        MockHttpSession bea = signIn("bea", "silver orchard lamp");
        MockHttpSession hal = signIn("hal", "granite river pencil");
        MockHttpSession admin = signIn("admin", ConsoleTest.BOOTSTRAP_PASSWORD);
        String own = create(bea, "own-revoke");
        String byAdmin = create(bea, "admin-revokes");
        String expiring = create(bea, "expiring");
        String kept = create(bea, "kept");
        for (String token : List.of(own, byAdmin, expiring, kept)) {
            mvc.perform(bearer(get("/api/plans"), token)).andExpect(status().isOk());
        }

        mvc.perform(post("/account/api-tokens/" + id("own-revoke") + "/revoke").with(csrf()).session(bea))
                .andExpect(redirectedUrl("/account/api-tokens"));
        mvc.perform(bearer(get("/api/plans"), own)).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("This API token (own-revoke) was revoked by bea."));

        // another person without the admin role can't revoke it; an admin can, from the list of all tokens
        MvcResult refused = mvc.perform(post("/account/api-tokens/" + id("admin-revokes") + "/revoke").with(csrf()).session(hal))
                .andReturn();
        assertThat(refused.getFlashMap().get("error")).isEqualTo("Only its owner or an Exchange admin revokes this token.");
        mvc.perform(bearer(get("/api/plans"), byAdmin)).andExpect(status().isOk());
        assertThat(page("/admin/api-tokens", admin)).contains("admin-revokes").contains("bea");
        mvc.perform(get("/admin/api-tokens").session(hal)).andExpect(status().isForbidden());
        mvc.perform(post("/admin/api-tokens/" + id("admin-revokes") + "/revoke").with(csrf()).session(admin))
                .andExpect(redirectedUrl("/admin/api-tokens"));
        mvc.perform(bearer(get("/api/plans"), byAdmin)).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("This API token (admin-revokes) was revoked by Bootstrap administrator."));

        jdbc.update("UPDATE api_token SET expires_at = ? WHERE name = 'expiring'", Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC));
        mvc.perform(bearer(get("/api/plans"), expiring)).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("(expiring) expired at")));

        mvc.perform(bearer(get("/api/plans"), kept)).andExpect(status().isOk());
        mvc.perform(post("/admin/local-accounts/bea/disable").with(csrf()).session(admin)).andExpect(status().is3xxRedirection());
        // turning the owner off revokes the token (recorded with the reason), not only refuses it while the owner is off
        mvc.perform(bearer(get("/api/plans"), kept)).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("This API token (kept) was revoked by Bootstrap administrator."));

        List<Map<String, Object>> records = jdbc.queryForList("SELECT action, actor_name, target FROM audit_record "
                + "WHERE action LIKE 'api-token.%' AND target LIKE '% of bea' ORDER BY seq");
        assertThat(records).extracting(r -> r.get("ACTION") + " by " + r.get("ACTOR_NAME")).containsExactly(
                "api-token.created by bea", "api-token.created by bea", "api-token.created by bea", "api-token.created by bea",
                "api-token.revoked by bea", "api-token.revoked by Bootstrap administrator",
                "api-token.revoked by Bootstrap administrator");
        String everything = jdbc.queryForList("SELECT * FROM audit_record").toString() + page("/account/api-tokens", admin)
                + page("/admin/api-tokens", admin) + Files.readString(Path.of("target/test-logs/asa-console.json"));
        for (String token : List.of(own, byAdmin, expiring, kept)) {
            assertThat(everything).doesNotContain(token.substring(4));
        }
    }

    @Test
    void aTokenNarrowsItsOwnersRolesAndBadInputIsRefusedWithASentence() throws Exception {
        accounts.save(LocalAccount.create("pat", "Pat Both", encoder.encode("marble kettle fjord"),
                EnumSet.of(Role.ADMIN, Role.APPROVER), Instant.now()));
        MockHttpSession pat = signIn("pat", "marble kettle fjord");
        String reviewOnly = value(mvc.perform(post("/account/api-tokens").with(csrf()).session(pat).param("name", "review-only")
                .param("days", "7").param("scope", "APPROVER")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        mvc.perform(bearer(get("/api/plans"), reviewOnly)).andExpect(status().isOk());
        mvc.perform(bearer(post("/api/topology/forests"), reviewOnly).contentType(MediaType.APPLICATION_JSON)
                .content(FOREST.formatted("narrow.test", "NARROW", "narrow.test", "narrow.test")))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.title").value("Not allowed for your role"));

        String scrape = value(mvc.perform(post("/account/api-tokens").with(csrf()).session(pat).param("name", "prometheus")
                .param("days", "365").param("scope", ApiTokens.SCRAPE)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        mvc.perform(bearer(get("/api/plans"), scrape)).andExpect(status().isForbidden());

        assertRefused(pat, "", "30", "", "Name the token in 1 to 100 letters");
        assertRefused(pat, "x", "0", "", "Choose a lifetime between 1 and 365 days.");
        assertRefused(pat, "x", "many", "", "Choose a lifetime between 1 and 365 days.");
        assertRefused(pat, "x", "30", "HELPDESK", "A token can only narrow your roles; you do not hold Helpdesk.");
        assertRefused(pat, "review-only", "30", "", "You have an active token named review-only already");
        TestAccounts.create(context, "hugo", "quartz willow signal", "HELPDESK");
        assertRefused(signIn("hugo", "quartz willow signal"), "scrape", "30", ApiTokens.SCRAPE, "Only Exchange admins create metrics scrape tokens.");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_token WHERE name IN ('', 'x', 'scrape')", Integer.class)).isZero();
    }

    private void assertRefused(MockHttpSession session, String name, String days, String scope, String sentence) throws Exception {
        String page = mvc.perform(post("/account/api-tokens").with(csrf()).session(session).param("name", name).param("days", days)
                .param("scope", scope)).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(org.springframework.web.util.HtmlUtils.htmlEscape(sentence)).contains("class=\"field-error\"")
                .doesNotContain("id=\"token-value\"");
    }

    private String create(MockHttpSession session, String name) throws Exception {
        return value(mvc.perform(post("/account/api-tokens").with(csrf()).session(session).param("name", name).param("days", "30"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private long id(String name) {
        return jdbc.queryForObject("SELECT id FROM api_token WHERE name = ?", Long.class, name);
    }

    private String page(String path, MockHttpSession session) throws Exception {
        return mvc.perform(get(path).session(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    static MockHttpServletRequestBuilder bearer(MockHttpServletRequestBuilder request, String token) {
        return request.header("Authorization", "Bearer " + token);
    }

    private static String value(String page) {
        Matcher m = VALUE.matcher(page);
        assertThat(m.find()).as("the page shows the token once").isTrue();
        return m.group(1);
    }

    private MockHttpSession signIn(String username, String password) throws Exception {
        MvcResult result = mvc.perform(post("/login").with(csrf()).param("username", username).param("password", password))
                .andExpect(redirectedUrl("/")).andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }
}
