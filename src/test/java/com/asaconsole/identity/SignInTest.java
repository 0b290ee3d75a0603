package com.asaconsole.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import com.asaconsole.ConsoleTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Form sign-in with the bootstrap admin, the failure sentences, throttling, sign-out and the headers. */
@ConsoleTest
@AutoConfigureMockMvc
class SignInTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ServerProperties server;

    @Autowired
    IdentityProperties identity;

    @Test
    void sessionsEndAfterThirtyIdleMinutesOrTwelveHoursInAll() {
        assertThat(server.getServlet().getSession().getTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(identity.sessionAbsoluteTimeout()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void theBootstrapAdminSignsInAndOut() throws Exception {
        MvcResult signedIn = mvc.perform(post("/login").with(csrf()).param("username", "admin")
                .param("password", ConsoleTest.BOOTSTRAP_PASSWORD).remoteAddress("10.9.0.1"))
                .andExpect(redirectedUrl("/")).andReturn();
        MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession(false);

        String dashboard = mvc.perform(get("/").session(session)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(dashboard).contains("Dashboard").contains("Exchange admin").contains("Local accounts");

        mvc.perform(post("/logout").with(csrf()).session(session)).andExpect(redirectedUrl("/login?logout"));
        assertThat(session.isInvalid()).as("the server-side session is gone").isTrue();
        mvc.perform(get("/").session(session)).andExpect(status().is3xxRedirection());
    }

    @Test
    void aWrongPasswordGetsASentenceThatDoesNotSayWhetherTheAccountExists() throws Exception {
        String known = failedSignIn("admin", "wrong-password", "10.9.0.2");
        String unknown = failedSignIn("nobody-at-all", "wrong-password", "10.9.0.3");
        assertThat(known).contains("Sign-in failed: the user name or password is wrong.");
        assertThat(unknown).contains("Sign-in failed: the user name or password is wrong.");
    }

    @Test
    void repeatedFailuresAreSlowedDownEvenForTheRightPassword() throws Exception {
        String address = "10.9.0.4";
        for (int i = 0; i < 4; i++) {
            failedSignIn("throttled-user", "wrong-" + i, address);
        }
        // the fifth attempt comes from the same address within the delay: refused before any password check
        String page = failedSignIn("admin", ConsoleTest.BOOTSTRAP_PASSWORD, address);
        assertThat(page).containsPattern("Too many failed sign-ins. Wait \\d+ seconds before trying again.");
    }

    @Test
    void signOutNeedsTheCsrfToken() throws Exception {
        mvc.perform(post("/logout")).andExpect(status().isForbidden());
        mvc.perform(post("/login").param("username", "admin").param("password", ConsoleTest.BOOTSTRAP_PASSWORD))
                .andExpect(status().isForbidden());
    }

    @Test
    void pagesCarryTheContentSecurityAndReferrerPolicies() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY))
                .andExpect(header().string("Referrer-Policy", "same-origin"))
                .andExpect(header().string("X-Frame-Options", "DENY"));
    }

    private String failedSignIn(String username, String password, String address) throws Exception {
        MvcResult failed = mvc.perform(post("/login").with(csrf()).param("username", username).param("password", password)
                .remoteAddress(address)).andExpect(com.asaconsole.identity.TestAccounts.signInRefused()).andReturn();
        assertThat(failed.getRequest().getSession(false)).as("a failed sign-in creates no session").isNull();
        return TestAccounts.pageAfter(mvc, failed);
    }
}
