package com.asaconsole.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import com.asaconsole.ConsoleTest;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.LabPeople;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** People sign in with their AD password; nested AD groups give them roles; a disabled account loses its session. */
@ExtendWith(SambaLab.class)
@ConsoleTest
@AutoConfigureMockMvc
@RecordApplicationEvents
@TestPropertySource(properties = { "asa.identity.directory.forest=contoso.test",
        "asa.identity.directory.role-groups.ADMIN=ASA-Console-Admins",
        "asa.identity.directory.role-groups.APPROVER=ASA-Console-Approvers",
        "asa.identity.directory.role-groups.HELPDESK[0]=CN=ASA-Console-Helpdesk,CN=Users,DC=contoso,DC=test",
        "asa.identity.directory.recheck-interval=0s" })
@LabTest
class DirectorySignInTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 4);
    static final String PASSWORD = "Pw-" + UUID.randomUUID() + "-9x";
    private static boolean seeded;
    private static String eveDn;

    @Autowired
    MockMvc mvc;

    @Autowired
    DirectorySettings settings;

    @Autowired
    ApplicationEvents events;

    @BeforeEach
    void seed(SambaDc dc) {
        LabDirectory.connect(settings, dc);
        if (!seeded) {
            LabPeople people = new LabPeople(dc);
            String alice = people.user("alice" + RUN, "Alice Admin", PASSWORD);
            String bob = people.user("bob" + RUN, "Bob Reviewer", PASSWORD);
            String carol = people.user("carol" + RUN, "Carol Helpdesk", PASSWORD);
            people.user("dave" + RUN, "Dave Nobody", PASSWORD);
            eveDn = people.user("eve" + RUN, "Eve Leaver", PASSWORD);
            // alice is an admin only through a nested group
            String team = people.group("Exchange-Team-" + RUN, List.of(alice, eveDn));
            people.group("ASA-Console-Admins", List.of(team));
            people.group("ASA-Console-Approvers", List.of(bob));
            people.group("ASA-Console-Helpdesk", List.of(carol));
            seeded = true;
        }
    }

    @Test
    void aNestedGroupMemberSignsInAsAdminWithAStableIdentity() throws Exception {
        MockHttpSession session = signIn("alice" + RUN + "@contoso.test");
        String dashboard = mvc.perform(get("/").session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(dashboard).contains("Exchange admin").contains("alice" + RUN + "@contoso.test");
        ConsoleUser user = consoleUser(session);
        assertThat(user.method()).isEqualTo(ConsoleUser.Method.LDAP);
        assertThat(user.stableId()).matches("sid:S-1-5-21-\\d+-\\d+-\\d+-\\d+");
        assertThat(user.displayName()).isEqualTo("Alice Admin");
        assertThat(events.stream(SignInSucceeded.class)).anySatisfy(e -> {
            assertThat(e.stableId()).isEqualTo(user.stableId());
            assertThat(e.method()).isEqualTo(ConsoleUser.Method.LDAP);
        });
    }

    @Test
    void domainBackslashUserWorksAndRolesFollowGroups() throws Exception {
        MockHttpSession bob = signIn("CONTOSO\\bob" + RUN);
        assertThat(consoleUser(bob).roles()).containsExactly(Role.APPROVER);
        MockHttpSession carol = signIn("carol" + RUN);
        assertThat(consoleUser(carol).roles()).as("group named by DN").containsExactly(Role.HELPDESK);
        mvc.perform(get("/admin/local-accounts").session(carol)).andExpect(status().isForbidden());
    }

    @Test
    void aWrongPasswordIsRefusedAndRecordedWithoutThePassword() throws Exception {
        mvc.perform(post("/login").with(csrf()).param("username", "alice" + RUN).param("password", "not-" + PASSWORD)
                .remoteAddress("10.8.0.1")).andExpect(com.asaconsole.identity.TestAccounts.signInRefused());
        assertThat(events.stream(SignInFailed.class)).anySatisfy(e -> {
            assertThat(e.username()).isEqualTo("alice" + RUN);
            assertThat(e.sourceAddress()).isEqualTo("10.8.0.1");
            assertThat(e.toString()).doesNotContain(PASSWORD);
        });
    }

    @Test
    void someoneInNoMappedGroupGetsAPolite403NamingTheGroups() throws Exception {
        MockHttpSession dave = signIn("dave" + RUN);
        assertThat(consoleUser(dave).roles()).isEmpty();
        mvc.perform(get("/").session(dave)).andExpect(redirectedUrl("/no-access"));
        String page = mvc.perform(get("/no-access").session(dave)).andExpect(status().isForbidden()).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("no role in the console yet").contains("ASA-Console-Admins").contains("ASA-Console-Approvers")
                .contains("CN=ASA-Console-Helpdesk,CN=Users,DC=contoso,DC=test");
    }

    @Test
    void aDisabledAccountLosesItsSessionAtTheNextCheck() throws Exception {
        MockHttpSession eve = signIn("eve" + RUN);
        mvc.perform(get("/").session(eve)).andExpect(status().isOk());
        new LabPeople(com.asaconsole.lab.SambaLab.dc()).disable(eveDn);
        mvc.perform(get("/").session(eve)).andExpect(redirectedUrl("/login?disabled"));
        assertThat(eve.isInvalid()).isTrue();
        mvc.perform(post("/login").with(csrf()).param("username", "eve" + RUN).param("password", PASSWORD))
                .andExpect(com.asaconsole.identity.TestAccounts.signInRefused());
    }

    @Test
    void theBootstrapAdminStillSignsInLocally() throws Exception {
        MockHttpSession admin = signIn("admin", ConsoleTest.BOOTSTRAP_PASSWORD);
        assertThat(consoleUser(admin).method()).isEqualTo(ConsoleUser.Method.LOCAL);
        assertThat(consoleUser(admin).stableId()).startsWith("local:");
    }

    @Test
    void anAdAdminTurnsTheBootstrapAdminOffButNobodyLocksThemselvesOut() throws Exception {
        MockHttpSession admin = signIn("admin", ConsoleTest.BOOTSTRAP_PASSWORD);
        mvc.perform(post("/admin/local-accounts/admin/disable").with(csrf()).session(admin))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("error",
                        org.hamcrest.Matchers.startsWith("You are signed in with admin, so you can't turn it off.")));

        MockHttpSession alice = signIn("alice" + RUN);
        mvc.perform(post("/admin/local-accounts/admin/disable").with(csrf()).session(alice))
                .andExpect(redirectedUrl("/admin/local-accounts"));
        MvcResult refused = mvc.perform(post("/login").with(csrf()).param("username", "admin")
                .param("password", ConsoleTest.BOOTSTRAP_PASSWORD)).andExpect(com.asaconsole.identity.TestAccounts.signInRefused()).andReturn();
        String page = TestAccounts.pageAfter(mvc, refused);
        assertThat(page).contains("This account is disabled.");

        mvc.perform(post("/admin/local-accounts/admin/enable").with(csrf()).session(alice))
                .andExpect(redirectedUrl("/admin/local-accounts"));
        signIn("admin", ConsoleTest.BOOTSTRAP_PASSWORD);
    }

    private MockHttpSession signIn(String username) throws Exception {
        return signIn(username, PASSWORD);
    }

    private MockHttpSession signIn(String username, String password) throws Exception {
        MvcResult result = mvc.perform(post("/login").with(csrf()).param("username", username).param("password", password))
                .andExpect(redirectedUrl("/")).andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private static ConsoleUser consoleUser(MockHttpSession session) {
        SecurityContext context = (SecurityContext) session.getAttribute("SPRING_SECURITY_CONTEXT");
        return ((ConsoleUserDetails) context.getAuthentication().getPrincipal()).user();
    }
}
