package com.asaconsole.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.asaconsole.deployment.changes.DeploymentProperties;
import com.asaconsole.deployment.executor.DeploymentMetrics;
import com.asaconsole.deployment.changes.ChangeRenderer;
import com.asaconsole.ConsoleTest;
import com.asaconsole.identity.ConsoleUser;
import com.asaconsole.identity.Role;
import com.asaconsole.planning.PlanVersions;
import com.asaconsole.topology.ModelledEstate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

/** Four-eyes change control: who may approve what, for how long, and only once. */
@ConsoleTest
@AutoConfigureMockMvc
@DirtiesContext
class ChangeRequestsTest {

    static final ConsoleUser ALICE = new ConsoleUser("sid:S-1-5-21-1-1-1-1101", "alice@contoso.test", "Alice Admin", ConsoleUser.Method.LDAP,
            EnumSet.of(Role.ADMIN, Role.APPROVER));
    static final ConsoleUser BOB = new ConsoleUser("sid:S-1-5-21-1-1-1-1102", "bob@contoso.test", "Bob Reviewer", ConsoleUser.Method.LDAP,
            EnumSet.of(Role.APPROVER));
    static final ConsoleUser CAROL = new ConsoleUser("sid:S-1-5-21-1-1-1-1103", "carol@contoso.test", "Carol Reviewer", ConsoleUser.Method.LDAP,
            EnumSet.of(Role.APPROVER));

    @Autowired
    ChangeRequests changes;

    @Autowired
    PlanVersions plans;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    com.asaconsole.audit.AuditTrail audit;

    @Autowired
    com.asaconsole.input.FieldLimits limits;

    @Autowired
    DeploymentMetrics metrics;
    ChangeRenderer renderer;

    ModelledEstate estate;
    int version;

    @BeforeEach
    void estate() throws Exception {
        estate = new ModelledEstate(mvc, jdbc, UUID.randomUUID().toString().substring(0, 6)).model2016("EXASA$");
        version = estate.storePlan();
    }

    @Test
    void theSubmitterCannotApproveTheirOwnChangeEvenHoldingBothRoles() {
        ChangeRequest change = changes.submit(version, ALICE);
        assertThat(change.status()).isEqualTo(ChangeRequest.Status.SUBMITTED);
        assertThat(change.operations()).contains("setspn -F -Q").contains("********").contains("=== step 1 create-account")
                .doesNotContain("=== step 3 add-member");
        assertThatThrownBy(() -> changes.approve(change.id(), change.contentHash(), ALICE, "ok"))
                .isInstanceOf(ChangeRefused.class).hasMessageContaining("someone else must review it");
        ChangeRequest approved = changes.approve(change.id(), change.contentHash(), BOB, "looks right");
        assertThat(approved.status()).isEqualTo(ChangeRequest.Status.APPROVED);
        assertThat(approved.decidedById()).isEqualTo(BOB.stableId());
        assertThat(approved.approvedHash()).isEqualTo(change.contentHash());
        assertThat(changes.whyNotRunnable(change.id())).isEmpty();

        // the story of the change in the audit trail: who submitted and who approved which hash
        List<java.util.Map<String, Object>> story = jdbc.sql("SELECT action, actor_id FROM audit_record WHERE correlation = :c ORDER BY seq")
                .param("c", ChangeRequests.correlation(change.id())).query().listOfRows();
        assertThat(story).extracting(r -> r.get("action") + " by " + r.get("actor_id"))
                .containsExactly("change.submitted by " + ALICE.stableId(), "change.approved by " + BOB.stableId());
    }

    @Test
    void anApprovalIsForTheHashTheReviewerSaw() {
        ChangeRequest change = changes.submit(version, ALICE);
        assertThatThrownBy(() -> changes.approve(change.id(), "0".repeat(64), BOB, "ok"))
                .isInstanceOf(ChangeRefused.class).hasMessageContaining("not the one you reviewed");
    }

    @Test
    void anExpiredApprovalNoLongerLetsTheChangeRun() {
        ChangeRequest change = changes.submit(version, ALICE);
        changes.approve(change.id(), change.contentHash(), BOB, "ok");
        ChangeRequests threeDaysLater = new ChangeRequests(jdbc, plans, audit,
                Clock.offset(Clock.systemUTC(), Duration.ofHours(72).plusMinutes(1)), new DeploymentProperties(Duration.ofHours(72)), limits,
                        renderer, metrics, event -> { });
        assertThat(threeDaysLater.whyNotRunnable(change.id())).get().asString().startsWith("The approval expired");
    }

    @Test
    void anEditedTopologyVoidsTheApproval() throws Exception {
        ChangeRequest change = changes.submit(version, ALICE);
        changes.approve(change.id(), change.contentHash(), BOB, "ok");
        estate.namespace("extra-" + UUID.randomUUID().toString().substring(0, 6) + ".contoso.test");
        assertThat(changes.whyNotRunnable(change.id())).get().asString().contains("voids the approval");
    }

    @Test
    void twoReviewersClickingAtOnceGiveExactlyOneDecision() throws Exception {
        ChangeRequest change = changes.submit(version, ALICE);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> clicks = new ArrayList<>();
        for (ConsoleUser reviewer : List.of(BOB, CAROL)) {
            clicks.add(pool.submit(() -> {
                start.await();
                try {
                    changes.approve(change.id(), change.contentHash(), reviewer, "ok");
                    return "approved";
                } catch (ChangeRefused e) {
                    return e.getMessage();
                }
            }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : clicks) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        assertThat(outcomes).filteredOn("approved"::equals).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o.contains("was already approved by")).hasSize(1);
    }

    @Test
    // its blocking namespace stays in the topology, and every later plan would carry the BLOCK: the next test gets a fresh
    // console (the random method order found this)
    @DirtiesContext(methodMode = DirtiesContext.MethodMode.AFTER_METHOD)
    void aBlockedPlanCannotBeSubmitted() throws Exception {
        // a namespace equal to a server's own name: BLOCK
        estate.namespace(estate.serverFqdn());
        int blocked = estate.storePlan();
        assertThatThrownBy(() -> changes.submit(blocked, ALICE)).isInstanceOf(ChangeRefused.class)
                .hasMessageContaining("BLOCK finding");
    }

    @Test
    void throughThePagesAnAdminSubmitsAndAReviewerApproves() throws Exception {
        String location = mvc.perform(post("/changes").param("planVersion", Integer.toString(version)).with(csrf())
                .with(user("admin").roles("ADMIN"))).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        String page = mvc.perform(get(location).with(user("rev").roles("APPROVER"))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        String hash = changes.find(id).orElseThrow().contentHash();
        assertThat(page).contains("SUBMITTED").contains(hash).contains("Approve");
        mvc.perform(get(location).with(user("hd").roles("HELPDESK"))).andExpect(status().isForbidden());
        mvc.perform(post(location + "/approve").param("contentHash", hash).with(csrf()).with(user("rev").roles("APPROVER")))
                .andExpect(status().is3xxRedirection());
        assertThat(changes.find(id).orElseThrow().status()).isEqualTo(ChangeRequest.Status.APPROVED);
    }
}
