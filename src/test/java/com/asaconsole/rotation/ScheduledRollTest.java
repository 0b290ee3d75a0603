package com.asaconsole.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.asaconsole.ConsoleTest;
import com.asaconsole.deployment.ChangeRequest;
import com.asaconsole.deployment.ChangeRequests;
import com.asaconsole.deployment.DeploymentJob;
import com.asaconsole.deployment.Jobs;
import com.asaconsole.deployment.LabEstate;
import com.asaconsole.directory.DirectoryGateway;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.directory.ForestDirectory;
import com.asaconsole.directory.ForestWrites;
import com.asaconsole.health.EstateHealth;
import com.asaconsole.identity.ConsoleUser;
import com.asaconsole.identity.Role;
import com.asaconsole.lab.ConsoleBrowser;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.LabSmtp;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.PageCheck;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;
import com.asaconsole.lab.cas.CasMemberSimulator;
import com.asaconsole.lab.cas.LabWinRm;
import com.asaconsole.lab.cas.SimulatedCasMembers;
import com.asaconsole.remoting.ExchangeVersion;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Rotation under a standing approval, against the Samba DC and three CAS member SIMULATORs: an admin
 * submits a policy, a second person approves it once; the persistent scheduler (nobody signed in)
 * creates each due roll as a change under that approval and runs it. The first roll raises the key
 * version and Kerberos still works on every simulated member (the job's verify step and the next
 * health round); with a member down the next roll stops before AD, its job pauses, the key version
 * stays, and the admins get the mail at a real SMTP server. The dashboard shows the blocked roll.
 */
@ConsoleTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(SambaLab.class)
@LabTest
class ScheduledRollTest {

    static final ConsoleUser ALICE = new ConsoleUser("sid:S-1-5-21-1-1-1-1101", "alice@contoso.test", "Alice Admin", ConsoleUser.Method.LDAP,
            EnumSet.of(Role.ADMIN, Role.APPROVER));
    static final ConsoleUser BOB = new ConsoleUser("sid:S-1-5-21-1-1-1-1102", "bob@contoso.test", "Bob Reviewer", ConsoleUser.Method.LDAP,
            EnumSet.of(Role.APPROVER));
    /** Short enough for a test, long enough that a roll (three members, then AD, then verify) ends well before the next is due. */
    static final Duration INTERVAL = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        LabWinRm.register(registry);
        LabSmtp.register(registry);
        registry.add("asa.notify.recipients.ADMIN", () -> "exchange-admins@contoso.test");
        registry.add("asa.notify.recipients.APPROVER", () -> "cab@contoso.test");
        registry.add("asa.rotation.check-interval", () -> "2s");
        registry.add("asa.health.interval", () -> "3s");
        registry.add("asa.health.logon-window", () -> "1h");
    }

    static final Path SHOTS = Path.of("target/rotation");

    @RegisterExtension
    final ConsoleBrowser console = new ConsoleBrowser(Duration.ofSeconds(30));

    @Autowired RotationPolicies policies;
    @Autowired ChangeRequests changes;
    @Autowired Jobs jobs;
    @Autowired EstateHealth health;
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DirectorySettings settings;
    @Autowired DirectoryGateway gateway;

    SambaDc dc;
    ForestDirectory directory;
    SimulatedCasMembers lab;
    LabEstate estate;

    @BeforeEach
    void lab(SambaDc dc) throws Exception {
        this.dc = dc;
        LabDirectory.connect(settings, dc);
        directory = gateway.open(settings.connection(SambaDc.DNS_DOMAIN));
        LabSmtp.server().purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void cleanUp() {
        if (lab != null) {
            lab.close();
        }
        if (estate != null) {
            directory.findAccount(estate.asaSam).ifPresent(a -> ForestWrites.of(directory).deleteAccount(a.dn()));
        }
    }

    @Test
    void aScheduledRollRunsUnderTheStandingApprovalAndAMemberDownStopsTheNextBeforeAd() throws Exception {
        String tag = java.util.UUID.randomUUID().toString().substring(0, 6);
        List<String> spns = List.of("http/ns1-" + tag + ".contoso.test");
        lab = new SimulatedCasMembers(dc, spns);
        List<CasMemberSimulator> members = List.of(lab.start("cas1.contoso.test", ExchangeVersion.EXCHANGE_2016),
                lab.start("cas2.contoso.test", ExchangeVersion.EXCHANGE_2016), lab.start("cas3.contoso.test", ExchangeVersion.EXCHANGE_2016));
        estate = new LabEstate(mvc, jdbc, dc, 1, members.stream().map(m -> new LabEstate.Server(m.host(),
                "https://" + m.host() + ":" + m.port() + "/wsman", m.version().name())).toList(), tag);
        int version = estate.storePlan();
        ChangeRequest deployment = changes.submit(version, List.of(), ALICE);
        DeploymentJob deployed = waitForEnd(jobs.start(changes.approve(deployment.id(), deployment.contentHash(), BOB, "ok").id(), ALICE).id());
        assertThat(deployed.status()).as(jobs.log(deployed.id()).toString()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        // the reviewers heard of the change awaiting them
        MimeMessage review = mailWithSubject("Change #" + deployment.id() + " awaits your review");
        assertThat(review.getAllRecipients()[0].toString()).isEqualTo("cab@contoso.test");
        assertThat(review.getContent().toString()).contains("Alice Admin").contains("/changes/" + deployment.id());
        String asa = estate.asaName();
        int deployedKey = directory.findAccount(estate.asaSam).orElseThrow().keyVersion();

        // the policy: submitted by an admin, approved once by someone else (never by the submitter), bound to its hash
        RotationPolicy submitted = policies.submit(asa, INTERVAL, Duration.ofDays(365), ALICE);
        assertThat(submitted.members()).containsExactly("cas1.contoso.test", "cas2.contoso.test", "cas3.contoso.test");
        assertThat(submitted.steps()).containsExactly("deploy-credential", "verify");
        assertThat(submitted.operations()).contains("cas1.contoso.test").contains("cas3.contoso.test").doesNotContain("Bootstrap");
        assertThatThrownBy(() -> policies.approve(submitted.id(), submitted.contentHash(), ALICE))
                .isInstanceOf(PolicyRefused.class).hasMessageContaining("someone else");
        assertThatThrownBy(() -> policies.approve(submitted.id(), "0".repeat(64), BOB))
                .isInstanceOf(PolicyRefused.class).hasMessageContaining("not the one you reviewed");
        assertThat(rolls(submitted.id())).as("nothing rolls before the approval").isEmpty();
        RotationPolicy policy = policies.approve(submitted.id(), submitted.contentHash(), BOB);
        assertThat(policy.status()).isEqualTo(RotationPolicy.Status.APPROVED);

        // 1. the password is due INTERVAL after the deployment set it: the scheduler rolls it, nobody signed in or clicking
        Map<String, Object> first = waitForRoll(policy.id(), 1);
        ChangeRequest roll = changes.find(((Number) first.get("change_id")).longValue()).orElseThrow();
        assertThat(roll.status()).isEqualTo(ChangeRequest.Status.APPROVED);
        assertThat(roll.decidedByName()).isEqualTo("Bob Reviewer");
        assertThat(roll.submittedByName()).contains("rotation policy #" + policy.id());
        assertThat(roll.operations()).isEqualTo(policy.operations());
        DeploymentJob rolled = waitForEnd(((Number) first.get("job_id")).longValue());
        assertThat(rolled.status()).as(jobs.log(rolled.id()).toString()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        assertThat(jobs.steps(rolled.id())).extracting(DeploymentJob.StepRun::key)
                .containsExactly("deploy-credential", "reset-password", "verify-directory", "verify-members");
        int rolledKey = directory.findAccount(estate.asaSam).orElseThrow().keyVersion();
        assertThat(rolledKey).as("key version after the roll").isGreaterThan(deployedKey);
        // Kerberos still works on every simulated member: the next check round (after the roll) finds no member failing
        EstateHealth.Report report = roundAfter(rolled.endedAt());
        assertThat(notOk(report)).allMatch(r -> r.endsWith("NOT_PROTECTED") || r.endsWith("NOT_MARKED"));
        assertThat(report.subjects().stream().filter(s -> s.kind() == com.asaconsole.health.SubjectKind.MEMBER)
                .flatMap(s -> s.checks().stream()).filter(c -> c.result().check().equals("kerberos-probe")))
                .hasSize(3).allMatch(c -> c.result().verdict() == com.asaconsole.health.Verdict.OK);
        // the roll's story is in the audit trail under its change
        assertThat(jdbc.sql("SELECT action FROM audit_record WHERE correlation = :c ORDER BY seq")
                .param("c", ChangeRequests.correlation(roll.id())).query(String.class).list())
                .contains("change.submitted", "change.approved", "job.queued", "job.started", "job.succeeded");

        // 2. a member down when the next roll is due: the roll stops before AD, the job pauses, the admins get the mail
        members.get(2).unreachable(true);
        // before the roll is due, the next health round finds the member down: the admins hear the roll is at risk
        Instant seen = Instant.now().plusSeconds(15);
        while (!isAfter(policies.find(policy.id()).orElseThrow().passwordSetAt(), rolled.startedAt()) && Instant.now().isBefore(seen)) {
            Thread.sleep(200); // the rotation look after the roll reads the new pwdLastSet
        }
        assertThat(policies.find(policy.id()).orElseThrow().nextDue()).as("the next roll is still to come").isAfter(Instant.now());
        MimeMessage atRisk = mailWithSubject("Password roll of " + asa + " due ");
        assertThat(atRisk.getSubject()).endsWith("is at risk");
        assertThat(atRisk.getContent().toString()).contains("cas3.contoso.test").contains("would pause before AD");
        assertThat(rolls(policy.id())).as("the warning came before the roll").hasSize(1);
        Map<String, Object> second = waitForRoll(policy.id(), 2);
        DeploymentJob paused = waitForEnd(((Number) second.get("job_id")).longValue());
        assertThat(paused.status()).as(jobs.log(paused.id()).toString()).isEqualTo(DeploymentJob.Status.PAUSED);
        // only the member that is down failed: the others got the roll's one new password (they ask for it at once)
        assertThat(paused.reason()).startsWith("Step 1 (Deploy the ASA credential to every Client Access server) failed for "
                + "cas3.contoso.test:").contains("was not changed");
        assertThat(jobs.steps(paused.id())).filteredOn(s -> s.key().equals("reset-password")).allMatch(s -> s.status() != DeploymentJob.StepStatus.DONE);
        assertThat(directory.findAccount(estate.asaSam).orElseThrow().keyVersion()).as("AD untouched").isEqualTo(rolledKey);
        MimeMessage mail = mailWithSubject("Password roll of " + asa + " failed");
        String body = mail.getContent().toString();
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("exchange-admins@contoso.test");
        assertThat(body).contains("cas3.contoso.test").contains("/jobs/" + paused.id()).contains("rotation policy #" + policy.id());
        assertThat(mailWithSubject("Job #" + paused.id() + " of change #" + paused.changeId() + " paused")).isNotNull();
        // no message carries a secret: not the lab's directory or WinRM password, not an LDAP password attribute
        for (MimeMessage sent : LabSmtp.server().getReceivedMessages()) {
            assertThat(sent.getContent().toString()).doesNotContain(dc.adminPassword()).doesNotContain("unicodePwd")
                    .doesNotContain(ConsoleTest.BOOTSTRAP_PASSWORD);
        }
        // no new roll while the paused one waits for a person; the dashboard says why
        Thread.sleep(INTERVAL.toMillis() / 4);
        assertThat(rolls(policy.id())).hasSize(2);
        RotationPolicy blocked = policies.find(policy.id()).orElseThrow();
        assertThat(blocked.blocked()).contains("job #" + paused.id()).contains("paused");

        // what people see: the dashboard's rolls tile and the rotation page, at a desktop's and a phone's width
        console.signIn("admin", ConsoleTest.BOOTSTRAP_PASSWORD);
        List<String> problems = new ArrayList<>();
        PageCheck check = new PageCheck(console.browser(), SHOTS);
        console.open("/");
        assertThat(console.browser().findElement(By.id("rolls-tile")).getText()).contains(asa).contains("blocked")
                .contains("job #" + paused.id());
        for (int width : new int[] { 1280, 390 }) {
            check.width(width);
            problems.addAll(check.check("dashboard-roll-blocked", 200));
        }
        check.width(1280);
        console.open("/rotation");
        assertThat(console.browser().findElement(By.id("policy-" + policy.id())).getText()).contains("approved").contains("Bob Reviewer")
                .contains("cas3.contoso.test");
        for (int width : new int[] { 1280, 390 }) {
            check.width(width);
            problems.addAll(check.check("rotation-page", 200));
        }
        assertThat(problems).as("pages fit for people (screenshots in " + SHOTS + ")").isEmpty();
        members.get(2).unreachable(false);
    }

    static boolean isAfter(Instant time, Instant than) {
        return time != null && time.isAfter(than);
    }

    List<Map<String, Object>> rolls(long policyId) {
        return jdbc.sql("SELECT change_id, job_id FROM rotation_roll WHERE policy_id = :p ORDER BY id").param("p", policyId).query().listOfRows();
    }

    Map<String, Object> waitForRoll(long policyId, int count) {
        List<Map<String, Object>> rolls = await("roll #" + count + " of policy " + policyId).atMost(INTERVAL.multipliedBy(3))
                .pollInterval(Duration.ofMillis(250)).until(() -> rolls(policyId), r -> r.size() >= count);
        return rolls.get(count - 1);
    }

    DeploymentJob waitForEnd(long id) throws InterruptedException {
        return com.asaconsole.deployment.JobEnds.await(jobs, id, Duration.ofSeconds(180));
    }

    EstateHealth.Report roundAfter(Instant after) {
        return await("a check round started after " + after).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(health::report, r -> r.isPresent() && r.get().round().startedAt().isAfter(after)).orElseThrow();
    }

    static Set<String> notOk(EstateHealth.Report report) {
        Set<String> out = new TreeSet<>();
        report.subjects().forEach(s -> s.failing().forEach(c -> out.add(s.kind() + " " + s.name() + " " + c.result().check() + " "
                + c.result().cause())));
        return out;
    }

    /** The first message whose subject starts with this (after the console's prefix), waiting up to 30 s. */
    static MimeMessage mailWithSubject(String subject) {
        return await("a mail '" + subject + "'").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> java.util.Arrays.stream(LabSmtp.server().getReceivedMessages())
                        .filter(m -> subjectOf(m).startsWith("[ASA Console] " + subject)).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
