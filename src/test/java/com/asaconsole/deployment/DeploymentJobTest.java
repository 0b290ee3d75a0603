package com.asaconsole.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.asaconsole.ConsoleTest;
import com.asaconsole.audit.Actor;
import com.asaconsole.deployment.executor.JobRunner;
import com.asaconsole.deployment.steps.JobScope;
import com.asaconsole.deployment.steps.Step;
import com.asaconsole.deployment.steps.StepCatalog;
import com.asaconsole.deployment.steps.StepFailed;
import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.DirectoryGateway;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.directory.ForestDirectory;
import com.asaconsole.directory.ForestWrites;
import com.asaconsole.identity.ConsoleUser;
import com.asaconsole.identity.Role;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.LabPeople;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;
import com.asaconsole.lab.cas.CasMemberSimulator;
import com.asaconsole.lab.cas.SimulatedCasMembers;
import com.asaconsole.remoting.ExchangeVersion;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Approved changes run by the job executor against the real Samba DC: every write audited as
 * intent and outcome, reruns that change nothing, a conflict that pauses the job, retry, skip,
 * abort with a reviewed rollback, and one job for two clicks. A plan covers the whole topology, so
 * each test gets a fresh console (and database) with only its own estate.
 */
@ConsoleTest
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@ExtendWith(SambaLab.class)
@LabTest
class DeploymentJobTest {

    @org.springframework.test.context.DynamicPropertySource
    static void winrm(org.springframework.test.context.DynamicPropertyRegistry registry) {
        RemoteDeploymentTest.winrm(registry);
    }

    static final ConsoleUser ALICE = ChangeRequestsTest.ALICE;
    static final ConsoleUser DAVE = new ConsoleUser("sid:S-1-5-21-9-9-9-1104", "dave@contoso.test", "Dave Admin", ConsoleUser.Method.LDAP,
            EnumSet.of(Role.ADMIN));
    static final ConsoleUser BOB = ChangeRequestsTest.BOB;

    @Autowired
    ChangeRequests changes;

    @Autowired
    Jobs jobs;

    @Autowired
    JobRunner runner;

    @Autowired
    StepCatalog catalog;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DirectorySettings settings;

    @Autowired
    DirectoryGateway gateway;

    @Autowired
    com.asaconsole.secrets.SecretStore secrets;

    SambaDc dc;
    ForestDirectory directory;
    SimulatedCasMembers lab;
    CasMemberSimulator cas1;

    @BeforeEach
    void lab(SambaDc dc) {
        this.dc = dc;
        LabDirectory.connect(settings, dc);
        directory = gateway.open(settings.connection(SambaDc.DNS_DOMAIN));
        lab = new SimulatedCasMembers(dc, List.of());
        cas1 = lab.start("cas1.contoso.test", ExchangeVersion.EXCHANGE_2016);
    }

    @org.junit.jupiter.api.AfterEach
    void stopMembers() {
        lab.close();
    }

    /** An estate whose one Client Access server is the simulated member cas1. */
    LabEstate estate(int namespaces) throws Exception {
        return new LabEstate(mvc, jdbc, dc, namespaces, List.of(RemoteDeploymentTest.server(cas1)),
                java.util.UUID.randomUUID().toString().substring(0, 6));
    }

    ChangeRequest approved(int planVersion, List<String> steps) {
        ChangeRequest change = changes.submit(planVersion, steps, ALICE);
        return changes.approve(change.id(), change.contentHash(), BOB, "ok");
    }

    DeploymentJob awaitEnd(long jobId) throws InterruptedException {
        return JobEnds.await(jobs, jobId, Duration.ofSeconds(90));
    }

    List<String> actions(long changeId, String prefix) {
        return jdbc.sql("SELECT action || ' ' || outcome || ' ' || target FROM audit_record WHERE correlation = :c "
                + "AND action || ' ' || outcome || ' ' || target LIKE :p ORDER BY seq")
                .param("c", ChangeRequests.correlation(changeId)).param("p", prefix + "%").query(String.class).list();
    }

    @Test
    void anApprovedChangeCreatesTheAsaAndItsSpnsAndARerunChangesNothing() throws Exception {
        LabEstate estate = estate(3);
        int version = estate.storePlan();
        ChangeRequest change = approved(version, List.of("create-account", "deploy-credential", "assign-spns"));
        assertThat(change.steps()).containsExactly("create-account", "deploy-credential", "assign-spns");

        DeploymentJob job = awaitEnd(jobs.start(change.id(), DAVE).id());

        assertThat(job.status()).as(jobs.log(job.id()).toString()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        AccountState asa = directory.findAccount(estate.asaSam).orElseThrow();
        assertThat(asa.encryptionTypes()).isEqualTo(24);
        assertThat(asa.spns()).containsExactlyInAnyOrderElementsOf(estate.spns());
        for (String spn : estate.spns()) {
            assertThat(directory.whoHolds(spn)).extracting(o -> o.dn().toLowerCase()).containsExactly(asa.dn().toLowerCase());
        }
        assertThat(jobs.steps(job.id())).extracting(DeploymentJob.StepRun::key, DeploymentJob.StepRun::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("create-account", DeploymentJob.StepStatus.DONE),
                        org.assertj.core.groups.Tuple.tuple("set-encryption-types", DeploymentJob.StepStatus.DONE),
                        org.assertj.core.groups.Tuple.tuple("deploy-credential", DeploymentJob.StepStatus.DONE),
                        org.assertj.core.groups.Tuple.tuple("reset-password", DeploymentJob.StepStatus.DONE),
                        org.assertj.core.groups.Tuple.tuple("assign-spns", DeploymentJob.StepStatus.DONE));
        // every LDAP write: an intent (PENDING) before, an outcome after
        List<String> writes = actions(change.id(), "ldap.");
        assertThat(writes).hasSize(2 * (1 + estate.spns().size()));
        assertThat(writes.get(0)).startsWith("ldap.account.create PENDING");
        assertThat(writes.get(1)).startsWith("ldap.account.create SUCCESS");
        // each audited write names the approved operation it carries out
        assertThat(jdbc.sql("SELECT details FROM audit_record WHERE correlation = :c AND action = 'ldap.spn.add' AND outcome = 'PENDING'")
                .param("c", ChangeRequests.correlation(change.id())).query(String.class).list())
                .allSatisfy(d -> assertThat(d).contains("\"operation\":\"assign-spns http/").contains(" #3\"").contains("operationSha256"));
        assertThat(change.operations()).contains("=== [assign-spns " + estate.spns().get(0) + " #3] LDAP on")
                .contains("changetype: modify\nadd: servicePrincipalName\nservicePrincipalName: " + estate.spns().get(0));
        assertThat(writes.stream().filter(w -> w.startsWith("ldap.spn.add SUCCESS"))).hasSize(estate.spns().size());
        assertThat(actions(change.id(), "job.")).extracting(a -> a.split(" ")[0])
                .containsExactly("job.queued", "job.started", "job.succeeded");

        // the same plan again: every precheck finds the work done; nothing is written
        ChangeRequest again = approved(version, List.of("create-account", "assign-spns"));
        DeploymentJob second = awaitEnd(jobs.start(again.id(), DAVE).id());
        assertThat(second.status()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        assertThat(actions(again.id(), "ldap.")).isEmpty();
        assertThat(jobs.steps(second.id())).flatExtracting(DeploymentJob.StepRun::tasks)
                .allSatisfy(t -> assertThat(t.message()).startsWith("in place: "))
                .noneMatch(DeploymentJob.TaskRun::applied);

        // the pages: the live job page and the change's whole story
        String page = mvc.perform(get("/jobs/" + job.id()).with(user("bob").roles("APPROVER"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("SUCCEEDED").contains(estate.spns().get(0)).contains("verified: ");
        String story = mvc.perform(get("/changes/" + change.id() + "/story").with(user("bob").roles("APPROVER")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(story).contains("change.submitted").contains("change.approved").contains("ldap.spn.add").contains("job.succeeded")
                .contains("Bob Reviewer").contains(estate.spns().get(2));

        // the ASA password the job generated works in AD, and appears nowhere a person or a log can read it
        long secretId = jdbc.sql("SELECT secret_id FROM job_secret WHERE job_id = :j").param("j", job.id()).query(Long.class).single();
        String password = new String(secrets.reveal(new com.asaconsole.secrets.SecretId(secretId)));
        assertThat(new com.asaconsole.kerberos.KdcClient().acceptsPassword(estate.asaSam + "@CONTOSO.TEST", password.toCharArray())).isTrue();
        Map<String, String> places = new java.util.LinkedHashMap<>();
        places.put("audit_record", jdbc.sql("SELECT * FROM audit_record").query().listOfRows().toString());
        places.put("job_log", jdbc.sql("SELECT * FROM job_log").query().listOfRows().toString());
        places.put("job_task", jdbc.sql("SELECT * FROM job_task").query().listOfRows().toString());
        places.put("change_request", jdbc.sql("SELECT * FROM change_request").query().listOfRows().toString());
        places.put("job page", page);
        places.put("story page", story);
        places.put("change page", mvc.perform(get("/changes/" + change.id()).with(user("bob").roles("APPROVER"))).andReturn().getResponse()
                .getContentAsString());
        places.put("log file", java.nio.file.Files.readString(java.nio.file.Path.of("target/test-logs/asa-console.json")));
        places.forEach((place, text) -> assertThat(text).as(place).doesNotContain(password));
    }

    @Test
    void aSpnHeldByAnotherAccountPausesTheJobThenRetrySkipAndAbortWithAReviewedRollback() throws Exception {
        LabEstate estate = estate(3);
        int version = estate.storePlan();
        // a computer account standing in for a CAS server already holds the second namespace's SPN
        String squatter = new LabPeople(dc).serviceAccount("SQ" + estate.tag.toUpperCase(), estate.spns().get(1), "Squat-Pw-1234567!");
        ChangeRequest change = approved(version, List.of("create-account", "deploy-credential", "assign-spns"));

        DeploymentJob job = awaitEnd(jobs.start(change.id(), DAVE).id());

        assertThat(job.status()).isEqualTo(DeploymentJob.Status.PAUSED);
        assertThat(job.reason()).contains(estate.spns().get(1)).contains("already registered on").contains(squatter);
        AccountState asa = directory.findAccount(estate.asaSam).orElseThrow();
        assertThat(asa.spns()).doesNotContain(estate.spns().get(1));

        // retry without fixing: the same pause, nothing applied twice
        jobs.retry(job.id(), DAVE);
        job = awaitEnd(job.id());
        assertThat(job.status()).isEqualTo(DeploymentJob.Status.PAUSED);
        assertThat(actions(change.id(), "ldap.spn.add SUCCESS")).hasSize(1);

        // skipping the failed step (with the targets after it) finishes the job
        jobs.skip(job.id(), DAVE);
        job = awaitEnd(job.id());
        assertThat(job.status()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        assertThat(jobs.steps(job.id())).filteredOn(s -> s.key().equals("assign-spns")).extracting(DeploymentJob.StepRun::status)
                .containsExactly(DeploymentJob.StepStatus.SKIPPED);

        // a second change pauses on the same conflict; abort submits the rollback of exactly what it applied
        ForestWrites.of(directory).removeSpn(asa.dn(), estate.spns().get(0));
        ChangeRequest third = approved(version, List.of("assign-spns"));
        DeploymentJob paused = awaitEnd(jobs.start(third.id(), DAVE).id());
        assertThat(paused.status()).isEqualTo(DeploymentJob.Status.PAUSED);
        assertThatThrownBy(() -> jobs.abort(paused.id(), new ConsoleUser("local:9", "helper", "Helper", ConsoleUser.Method.LOCAL, EnumSet.of(Role.HELPDESK))))
                .isInstanceOf(ChangeRefused.class);
        ChangeRequest rollback = jobs.abort(paused.id(), DAVE);
        assertThat(jobs.find(paused.id()).orElseThrow().status()).isEqualTo(DeploymentJob.Status.ABORTED);
        assertThat(rollback.rollback()).isTrue();
        assertThat(rollback.status()).isEqualTo(ChangeRequest.Status.SUBMITTED);
        assertThat(rollback.steps()).containsExactly("remove-spns");
        assertThat(rollback.operations()).contains("delete: servicePrincipalName\nservicePrincipalName: " + estate.spns().get(0))
                .doesNotContain(estate.spns().get(2));
        // nothing undone before review
        assertThat(directory.readAccount(asa.dn()).spns()).contains(estate.spns().get(0));
        assertThat(changes.whyNotRunnable(rollback.id())).isPresent();
        assertThatThrownBy(() -> jobs.start(rollback.id(), DAVE)).isInstanceOf(ChangeRefused.class);

        ChangeRequest approvedRollback = changes.approve(rollback.id(), rollback.contentHash(), BOB, "undo it");
        DeploymentJob undone = awaitEnd(jobs.start(approvedRollback.id(), DAVE).id());
        assertThat(undone.status()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        // it removed what the aborted job added, and left the account, which that job did not create
        assertThat(directory.readAccount(asa.dn()).spns()).isEmpty();
        assertThat(directory.findAccount(estate.asaSam)).isPresent();
    }

    @Test
    void twoRunClicksAtOnceMakeOneJob() throws Exception {
        LabEstate estate = estate(1);
        ChangeRequest change = approved(estate.storePlan(), List.of("create-account"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> clicks = new ArrayList<>();
        for (ConsoleUser admin : List.of(ALICE, DAVE)) {
            clicks.add(pool.submit(() -> {
                go.await();
                return jobs.start(change.id(), admin).id();
            }));
        }
        go.countDown();
        long first = clicks.get(0).get();
        assertThat(clicks.get(1).get()).isEqualTo(first);
        pool.shutdown();
        assertThat(awaitEnd(first).status()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        assertThat(actions(change.id(), "ldap.account.create SUCCESS")).hasSize(1);
    }

    @Test
    void onlyAnApprovedUnexpiredChangeRuns() throws Exception {
        LabEstate estate = estate(1);
        ChangeRequest submitted = changes.submit(estate.storePlan(), List.of("create-account"), ALICE);
        assertThatThrownBy(() -> jobs.start(submitted.id(), DAVE)).isInstanceOf(ChangeRefused.class).hasMessageContaining("not approved");
        assertThatThrownBy(() -> changes.submit(estate.storePlan(), List.of("convert-oab"), ALICE)).isInstanceOf(ChangeRefused.class)
                .hasMessageContaining("does not apply");
        assertThatThrownBy(() -> jobs.start(submitted.id(), BOB)).isInstanceOf(ChangeRefused.class).hasMessageContaining("Only Exchange admins");
        assertThat(jobs.forChange(submitted.id())).isEmpty();
        assertThat(directory.findAccount(estate.asaSam)).isEmpty();
    }

    @Test
    void aStoppedDcIsRetriedThenPausesTheJobWithTheReasonAndARetryAfterItIsBackFinishes() throws Exception {
        LabEstate estate = estate(1);
        ChangeRequest change = approved(estate.storePlan(), List.of("create-account"));
        DeploymentJob job;
        dc.stop();
        try {
            job = awaitEnd(jobs.start(change.id(), DAVE).id());
        } finally {
            dc.restart();
        }
        assertThat(job.status()).isEqualTo(DeploymentJob.Status.PAUSED);
        assertThat(job.reason()).contains("Cannot reach").contains("dc1.contoso.test");
        assertThat(jobs.log(job.id())).extracting(DeploymentJob.LogLine::line)
                .anyMatch(l -> l.startsWith("attempt 1 failed: Cannot reach") && l.endsWith("Retrying in 200 ms."));
        assertThat(jobs.steps(job.id()).get(0).tasks().get(0).attempts()).isEqualTo(2);

        jobs.retry(job.id(), DAVE);
        assertThat(awaitEnd(job.id()).status()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        assertThat(directory.findAccount(estate.asaSam)).isPresent();
    }

    @Test
    void whenTheAuditTrailCannotBeWrittenNoJobRunsAndNothingIsWritten() throws Exception {
        LabEstate estate = estate(1);
        ChangeRequest change = approved(estate.storePlan(), List.of("create-account"));
        Map<String, Object> head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head").query().singleRow();
        jdbc.sql("DELETE FROM audit_chain_head").update();
        try {
            assertThatThrownBy(() -> jobs.start(change.id(), DAVE)).isInstanceOf(com.asaconsole.audit.AuditUnavailable.class);
        } finally {
            jdbc.sql("INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, :s, :h)")
                    .param("s", head.get("last_seq")).param("h", head.get("last_hash")).update();
        }
        assertThat(jobs.forChange(change.id())).isEmpty();
        Thread.sleep(1500); // two polling rounds: nothing was scheduled either
        assertThat(directory.findAccount(estate.asaSam)).isEmpty();
        // no job instance (the table also holds the estate checks' one recurring row)
        assertThat(jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'deployment-job'").query(Integer.class).single())
                .isZero();
    }

    @Test
    void aChangeThatAddsSpnsBeforeTheCredentialPausesWithTheReasonAndNoSpnReachesAd() throws Exception {
        LabEstate estate = estate(2);
        ChangeRequest change = approved(estate.storePlan(), List.of("create-account", "assign-spns"));

        DeploymentJob job = awaitEnd(jobs.start(change.id(), DAVE).id());

        assertThat(job.status()).isEqualTo(DeploymentJob.Status.PAUSED);
        assertThat(job.reason()).contains("was not added").contains("cas1.contoso.test does not hold " + estate.asaName())
                .contains("facts rule 4");
        AccountState asa = directory.findAccount(estate.asaSam).orElseThrow();
        assertThat(asa.spns()).isEmpty();
        for (String spn : estate.spns()) {
            assertThat(directory.whoHolds(spn)).isEmpty();
        }
        assertThat(actions(change.id(), "ldap.spn")).isEmpty();
    }

    @Test
    void theResetStepRefusesWhileAMemberLacksTheJobsPasswordAndAWriteThatWasNotApprovedIsRefused() throws Exception {
        LabEstate estate = estate(1);
        ChangeRequest change = approved(estate.storePlan(), List.of("create-account"));
        DeploymentJob job = awaitEnd(jobs.start(change.id(), DAVE).id());
        assertThat(job.status()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        JobScope scope = runner.scope(job.id(), change, new Actor(DAVE.stableId(), DAVE.displayName()));
        String asa = estate.asaName();
        Step reset = catalog.step("reset-password").orElseThrow();

        // the account was created with the job's password: nothing to reset
        assertThat(reset.precheck(scope, asa).done()).isTrue();
        // someone sets another password by hand: the KDC no longer accepts the job's, and cas1 does not hold the job's either
        AccountState before = directory.findAccount(estate.asaSam).orElseThrow();
        ForestWrites.of(directory).setPassword(before.dn(), "Someone-Else-Set-This-1!".toCharArray());
        int kvno = directory.readAccount(before.dn()).keyVersion();
        assertThatThrownBy(() -> reset.precheck(scope, asa)).isInstanceOf(StepFailed.class)
                .hasMessageContaining("not every member holds the new one").hasMessageContaining("cas1.contoso.test");
        // this change approved no password reset: the write is refused before anything is sent
        assertThatThrownBy(() -> reset.apply(scope, asa)).isInstanceOf(StepFailed.class)
                .hasMessageContaining("[reset-password " + asa + " #2] was not approved").hasMessageContaining("Nothing was written");
        assertThat(directory.readAccount(before.dn()).keyVersion()).isEqualTo(kvno);
    }
}
