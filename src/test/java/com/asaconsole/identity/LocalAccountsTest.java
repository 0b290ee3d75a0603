package com.asaconsole.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.asaconsole.ConsoleTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Four-eyes without AD: an admin creates a reviewer with a one-time password (shown once), the reviewer must choose
 * their own at first sign-in (the rules refuse trivial ones), and turning off, on and resetting work; every step
 * lands in the audit trail without any password.
 */
@ConsoleTest
@AutoConfigureMockMvc
@DirtiesContext
class LocalAccountsTest {

    private static final Pattern ONE_TIME = Pattern.compile("id=\"one-time-password\">([^<]+)<");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anAdminCreatesAReviewerWhoChangesTheOneTimePasswordAndThenWorks() throws Exception {
        MockHttpSession admin = signIn("admin", ConsoleTest.BOOTSTRAP_PASSWORD);
        String created = mvc.perform(post("/admin/local-accounts").with(csrf()).session(admin).param("username", "rita.reviewer")
                .param("displayName", "Rita Reviewer").param("roles", "APPROVER")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(created).contains("Local account rita.reviewer created").contains("shown now and never again");
        String oneTime = oneTime(created);
        assertThat(oneTime).hasSize(LocalAccounts.ONE_TIME_LENGTH);
        assertThat(mvc.perform(get("/admin/local-accounts").session(admin)).andReturn().getResponse().getContentAsString())
                .contains("rita.reviewer").contains("Change reviewer").contains("one-time password not yet changed")
                .doesNotContain(oneTime);

        // first sign-in: every page leads to the password page until a password of their own is chosen
        MockHttpSession rita = signIn("rita.reviewer", oneTime);
        mvc.perform(get("/").session(rita)).andExpect(redirectedUrl("/account/password"));
        mvc.perform(get("/changes").session(rita)).andExpect(redirectedUrl("/account/password"));
        assertThat(mvc.perform(get("/account/password").session(rita)).andReturn().getResponse().getContentAsString())
                .contains("You signed in with a one-time password");

        for (Map.Entry<String, String> weak : Map.of("Short-1", "at least 12 characters", "Password12345!", "first passwords an attacker tries",
                "rita.reviewer-2026", "user name", "aaaaaaaaaaaaaa", "different characters", "poiuytrewq12", "keyboard row").entrySet()) {
            String refused = mvc.perform(post("/account/password").with(csrf()).session(rita).param("current", oneTime)
                    .param("chosen", weak.getKey()).param("repeated", weak.getKey())).andExpect(status().isBadRequest())
                    .andReturn().getResponse().getContentAsString();
            assertThat(refused).as(weak.getKey()).contains(weak.getValue()).contains("aria-invalid=\"true\"");
        }
        assertThat(mvc.perform(post("/account/password").with(csrf()).session(rita).param("current", "not-it")
                .param("chosen", "violet harbour lantern").param("repeated", "violet harbour lantern")).andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString()).contains("This is not your current password.");
        assertThat(mvc.perform(post("/account/password").with(csrf()).session(rita).param("current", oneTime)
                .param("chosen", "violet harbour lantern").param("repeated", "violet harbour lanterns")).andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString()).contains("The two new passwords differ");

        mvc.perform(post("/account/password").with(csrf()).session(rita).param("current", oneTime)
                .param("chosen", "violet harbour lantern").param("repeated", "violet harbour lantern")).andExpect(redirectedUrl("/"));
        mvc.perform(get("/changes").session(rita)).andExpect(status().isOk());
        failedSignIn("rita.reviewer", oneTime, "10.7.0.2");
        signIn("rita.reviewer", "violet harbour lantern");

        // off, on, reset
        mvc.perform(post("/admin/local-accounts/rita.reviewer/disable").with(csrf()).session(admin)).andExpect(status().is3xxRedirection());
        assertThat(failedSignIn("rita.reviewer", "violet harbour lantern", "10.7.0.3")).contains("disabled");
        mvc.perform(post("/admin/local-accounts/rita.reviewer/enable").with(csrf()).session(admin)).andExpect(status().is3xxRedirection());
        String reset = mvc.perform(post("/admin/local-accounts/rita.reviewer/reset").with(csrf()).session(admin))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String second = oneTime(reset);
        assertThat(second).isNotEqualTo(oneTime);
        failedSignIn("rita.reviewer", "violet harbour lantern", "10.7.0.4");
        MockHttpSession again = signIn("rita.reviewer", second);
        mvc.perform(get("/").session(again)).andExpect(redirectedUrl("/account/password"));

        // the trail: who did what to which account, never a password
        List<Map<String, Object>> records = jdbc.queryForList(
                "SELECT action, target, actor_name, details FROM audit_record WHERE action LIKE 'local-account.%' AND target = 'rita.reviewer' ORDER BY seq");
        assertThat(records).extracting(r -> r.get("action") + " " + r.get("target")).containsExactly(
                "local-account.created rita.reviewer", "local-account.password-changed rita.reviewer",
                "local-account.disabled rita.reviewer", "local-account.enabled rita.reviewer", "local-account.password-reset rita.reviewer");
        assertThat(records.get(0).get("actor_name")).isEqualTo("Bootstrap administrator");
        assertThat(records.get(0).get("details").toString()).contains("APPROVER").contains("Rita Reviewer");
        assertThat(records.get(1).get("actor_name")).isEqualTo("Rita Reviewer");
        String everything = jdbc.queryForList("SELECT * FROM audit_record").toString()
                + Files.readString(Path.of("target/test-logs/asa-console.json"));
        assertThat(everything).doesNotContain(oneTime).doesNotContain(second).doesNotContain("violet harbour lantern");
    }

    @Test
    void aNewAccountNeedsAUsableNameAndARoleAndNobodyTurnsOffThemselves() throws Exception {
        MockHttpSession admin = signIn("admin", ConsoleTest.BOOTSTRAP_PASSWORD);
        assertThat(create(admin, "bad name!", "APPROVER")).contains("Use 1 to 64 letters").contains("value=\"bad name!\"");
        assertThat(create(admin, "norole", null)).contains("Choose at least one role.").contains("value=\"norole\"");
        assertThat(create(admin, "ADMIN", "HELPDESK")).contains("A local account named ADMIN exists already.");
        mvc.perform(post("/admin/local-accounts/admin/disable").with(csrf()).session(admin)).andExpect(status().is3xxRedirection());
        assertThat(jdbc.queryForObject("SELECT enabled FROM local_account WHERE username = 'admin'", Boolean.class)).isTrue();
        mvc.perform(post("/admin/local-accounts").with(csrf()).session(signInAs("helpdesk.hal", "HELPDESK", admin))
                .param("username", "sneaky").param("roles", "ADMIN")).andExpect(status().isForbidden());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM local_account WHERE username = 'sneaky'", Integer.class)).isZero();
    }

    private String create(MockHttpSession admin, String username, String role) throws Exception {
        var request = post("/admin/local-accounts").with(csrf()).session(admin).param("username", username).param("displayName", "");
        if (role != null) {
            request.param("roles", role);
        }
        return mvc.perform(request).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
    }

    /** A signed-in session of a new account with this role, its one-time password already replaced. */
    private MockHttpSession signInAs(String username, String role, MockHttpSession admin) throws Exception {
        String oneTime = oneTime(mvc.perform(post("/admin/local-accounts").with(csrf()).session(admin).param("username", username)
                .param("roles", role)).andReturn().getResponse().getContentAsString());
        MockHttpSession session = signIn(username, oneTime);
        mvc.perform(post("/account/password").with(csrf()).session(session).param("current", oneTime)
                .param("chosen", "copper meadow whistle").param("repeated", "copper meadow whistle")).andExpect(redirectedUrl("/"));
        return session;
    }

    private static String oneTime(String page) {
        Matcher m = ONE_TIME.matcher(page);
        assertThat(m.find()).as("the page shows the one-time password").isTrue();
        return m.group(1);
    }

    private MockHttpSession signIn(String username, String password) throws Exception {
        MvcResult result = mvc.perform(post("/login").with(csrf()).param("username", username).param("password", password))
                .andExpect(redirectedUrl("/")).andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private String failedSignIn(String username, String password, String address) throws Exception {
        MvcResult result = mvc.perform(post("/login").with(csrf()).param("username", username).param("password", password)
                .remoteAddress(address)).andExpect(com.asaconsole.identity.TestAccounts.signInRefused()).andReturn();
        return TestAccounts.pageAfter(mvc, result);
    }
}
