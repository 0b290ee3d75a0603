package com.asaconsole.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.asaconsole.ConsoleTest;
import com.asaconsole.identity.ConsoleUser;
import com.asaconsole.identity.Role;
import com.asaconsole.planning.PlanVersions;
import com.asaconsole.topology.ModelledEstate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A reviewer revokes a rotation policy from the /rotation page: only a reviewer, only with a reason, audited, and no roll
 * is created under it afterwards. And the shared navigation leads each role to the health and rotation pages it may open,
 * and to no page it may not.
 */
@ConsoleTest
@AutoConfigureMockMvc
@DirtiesContext
class RotationRevokeTest {

    static final ConsoleUser ALICE = new ConsoleUser("sid:S-1-5-21-1-1-1-1101", "alice@contoso.test", "Alice Admin", ConsoleUser.Method.LDAP,
            EnumSet.of(Role.ADMIN, Role.APPROVER));
    static final ConsoleUser BOB = new ConsoleUser("sid:S-1-5-21-1-1-1-1102", "bob@contoso.test", "Bob Reviewer", ConsoleUser.Method.LDAP,
            EnumSet.of(Role.APPROVER));

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired RotationPolicies policies;
    @Autowired PlanVersions plans;

    @Test
    void aReviewerRevokesAPolicyWithAReasonThatIsAuditedAndNoRollIsCreatedUnderItAfterwards() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        ModelledEstate estate = new ModelledEstate(mvc, jdbc, tag).model2016("RV" + tag.toUpperCase() + "$");
        int version = estate.storePlan();
        String asa = plans.find(version).orElseThrow().document().topology().asaAccounts().stream()
                .filter(a -> a.forest().equals("e" + tag + ".example")).findFirst().orElseThrow().name();
        RotationPolicy policy = policies.submit(asa, Duration.ofDays(30), Duration.ofDays(365), ALICE);
        policy = policies.approve(policy.id(), policy.contentHash(), BOB);
        long id = policy.id();
        assertThat(policies.approved()).extracting(RotationPolicy::id).contains(id);

        // the page offers the revoke form to reviewers only
        String asReviewer = mvc.perform(get("/rotation").with(user("carol").roles("APPROVER"))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(asReviewer).contains("id=\"revoke-" + id + "\"").contains("Why revoke it");
        String asAdmin = mvc.perform(get("/rotation").with(user("dave").roles("ADMIN"))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(asAdmin).doesNotContain("id=\"revoke-" + id + "\"");

        // an admin without the reviewer role may not; a reviewer must say why; nothing changes until then
        mvc.perform(post("/rotation/" + id + "/revoke").param("reason", "no").with(csrf()).with(user("dave").roles("ADMIN")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/rotation/" + id + "/revoke").param("reason", "  ").with(csrf()).with(user("carol").roles("APPROVER")))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("error",
                        "Say why you revoke the policy, so the admins know why the rolls stopped."));
        assertThat(policies.find(id).orElseThrow().status()).isEqualTo(RotationPolicy.Status.APPROVED);
        assertThatThrownBy(() -> policies.revoke(id, "mine", new ConsoleUser("sid:dave", "dave", "Dave "
                + "Admin", ConsoleUser.Method.LDAP, EnumSet.of(Role.ADMIN))))
                .isInstanceOf(PolicyRefused.class).hasMessageContaining("Only change reviewers");

        // a reviewer revokes it, with the reason
        mvc.perform(post("/rotation/" + id + "/revoke").param("reason", "ASA is being replaced by a new one").with(csrf())
                .with(user("carol").roles("APPROVER"))).andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("success", "Rotation policy #" + id + " is revoked: no roll of " + asa
                        + " is created under it any more."));
        RotationPolicy revoked = policies.find(id).orElseThrow();
        assertThat(revoked.status()).isEqualTo(RotationPolicy.Status.REVOKED);
        assertThat(revoked.voidReason()).isEqualTo("Revoked by carol: ASA is being replaced by a new one");
        assertThat(policies.approved()).extracting(RotationPolicy::id).doesNotContain(id);
        // audited, in the policy's story, with who and why
        var record = jdbc.sql("SELECT actor_name, details, correlation FROM audit_record WHERE action = 'rotation.policy-revoked'")
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single();
        assertThat(record.get(0)).isEqualTo("carol");
        assertThat(record.get(1)).contains("ASA is being replaced by a new one");
        assertThat(record.get(2)).isEqualTo(RotationPolicies.correlation(id));
        // the page says so; a revoked policy offers neither approve nor revoke; a second revoke is refused
        String after = mvc.perform(get("/rotation").with(user("carol").roles("APPROVER"))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(after).contains("#" + id + " " + asa + ": revoked").contains("Revoked by carol: ASA is being replaced by a new one")
                .doesNotContain("id=\"revoke-" + id + "\"").doesNotContain("id=\"approve-" + id + "\"");
        assertThatThrownBy(() -> policies.revoke(id, "again", BOB)).isInstanceOf(PolicyRefused.class).hasMessageContaining("is revoked");
    }

    @Test
    void theNavigationLeadsEachRoleToTheHealthAndRotationPagesItMayOpenAndToNoOther() throws Exception {
        for (String role : List.of("ADMIN", "APPROVER", "HELPDESK")) {
            String home = mvc.perform(get("/").with(user("nav-" + role).roles(role))).andExpect(status().isOk()).andReturn().getResponse()
                    .getContentAsString();
            String nav = home.substring(home.indexOf("<nav class=\"site-nav\""), home.indexOf("</nav>"));
            List<String> links = new ArrayList<>();
            Matcher m = Pattern.compile("href=\"([^\"]+)\"").matcher(nav);
            while (m.find()) {
                links.add(m.group(1));
            }
            assertThat(links).as(role).contains("/health");
            if (role.equals("HELPDESK")) {
                assertThat(links).as(role).doesNotContain("/rotation");
            } else {
                assertThat(links).as(role).contains("/rotation");
            }
            for (String link : links) {
                // a section's entry may redirect to its first page (/topology to its forests): that page must open too
                var response = mvc.perform(get(link).with(user("nav-" + role).roles(role))).andReturn().getResponse();
                if (response.getStatus() == 302) {
                    String to = response.getRedirectedUrl();
                    assertThat(to).as(link).startsWith("/").doesNotStartWith("/login");
                    response = mvc.perform(get(to).with(user("nav-" + role).roles(role))).andReturn().getResponse();
                }
                assertThat(response.getStatus()).as(role + " " + link).isEqualTo(200);
            }
        }
        String health = mvc.perform(get("/health").with(user("nav").roles("HELPDESK"))).andReturn().getResponse().getContentAsString();
        assertThat(health).contains("aria-current=\"page\">Kerberos health</a>");
    }
}
