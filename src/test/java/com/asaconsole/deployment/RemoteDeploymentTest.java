package com.asaconsole.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.asaconsole.ConsoleTest;
import com.asaconsole.deployment.changes.ChangeRenderer;
import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.DirectoryGateway;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.directory.ForestDirectory;
import com.asaconsole.directory.ForestWrites;
import com.asaconsole.kerberos.KerberosProbe;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;
import com.asaconsole.lab.cas.CasMemberSimulator;
import com.asaconsole.lab.cas.LabCertificates;
import com.asaconsole.lab.cas.LabWinRm;
import com.asaconsole.lab.cas.SimulatedCasMembers;
import com.asaconsole.remoting.ExchangeVersion;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Whole deployments through approved changes against the Samba DC and three CAS member SIMULATORs
 * that really do Kerberos: the ASA created, its credential on every member before any SPN, the
 * SPNs registered, and the proof per member (an SPNEGO ticket for each namespace SPN accepted).
 * Also: a member left out, a password roll with a member down, and a member added later.
 */
@ConsoleTest
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@ExtendWith(SambaLab.class)
@LabTest
class RemoteDeploymentTest {

    @DynamicPropertySource
    static void winrm(DynamicPropertyRegistry registry) {
        LabWinRm.register(registry);
    }

    static String trustStoreFile() {
        return LabCertificates.get().trustStoreFile().toString();
    }

    @Autowired ChangeRequests changes;
    @Autowired Jobs jobs;
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DirectorySettings settings;
    @Autowired DirectoryGateway gateway;
    @Autowired com.asaconsole.secrets.SecretStore secrets;
    @Autowired com.asaconsole.planning.PlanVersions plans;
    @Autowired ChangeRenderer renderer;

    SambaDc dc;
    ForestDirectory directory;
    SimulatedCasMembers lab;
    LabEstate estate;
    List<CasMemberSimulator> members;
    List<String> namespaceSpns;

    @BeforeEach
    void lab(SambaDc dc) {
        this.dc = dc;
        LabDirectory.connect(settings, dc);
        directory = gateway.open(settings.connection(SambaDc.DNS_DOMAIN));
    }

    @AfterEach
    void stopMembers() {
        if (lab != null) {
            lab.close();
        }
        if (estate != null) {
            directory.findAccount(estate.asaSam).ifPresent(a -> ForestWrites.of(directory).deleteAccount(a.dn())); // frees the SPNs
        }
    }

    /** Three members of one version, and an estate whose servers are those members. */
    void estate(ExchangeVersion version, int namespaces) throws Exception {
        String tag = java.util.UUID.randomUUID().toString().substring(0, 6);
        namespaceSpns = new ArrayList<>();
        for (int i = 1; i <= namespaces; i++) {
            namespaceSpns.add("http/ns" + i + "-" + tag + ".contoso.test");
        }
        lab = new SimulatedCasMembers(dc, namespaceSpns);
        members = List.of(lab.start("cas1.contoso.test", version), lab.start("cas2.contoso.test", version),
                lab.start("cas3.contoso.test", version));
        estate = new LabEstate(mvc, jdbc, dc, namespaces, members.stream().map(m -> server(m)).toList(), tag);
        assertThat(estate.spns()).containsExactlyInAnyOrderElementsOf(namespaceSpns);
    }

    static LabEstate.Server server(CasMemberSimulator member) {
        return new LabEstate.Server(member.host(), "https://" + member.host() + ":" + member.port() + "/wsman", member.version().name());
    }

    ChangeRequest approved(int version, List<String> steps) {
        ChangeRequest change = changes.submit(version, steps, DeploymentJobTest.ALICE);
        return changes.approve(change.id(), change.contentHash(), DeploymentJobTest.BOB, "ok");
    }

    DeploymentJob run(ChangeRequest change) throws InterruptedException {
        long id = jobs.start(change.id(), DeploymentJobTest.DAVE).id();
        return awaitEnd(id);
    }

    DeploymentJob awaitEnd(long id) throws InterruptedException {
        return JobEnds.await(jobs, id, Duration.ofSeconds(120));
    }

    List<DeploymentJob.TaskRun> tasks(long jobId, String step) {
        return jobs.steps(jobId).stream().filter(s -> s.key().equals(step)).flatMap(s -> s.tasks().stream()).toList();
    }

    boolean kerberosWorksOn(CasMemberSimulator member) {
        try (KerberosProbe probe = KerberosProbe.signIn(dc.adminPrincipal(), dc.adminPassword().toCharArray())) {
            return probe.probe(namespaceSpns.get(0), member.namespaceUrl(), LabCertificates.get().clientTls(), Duration.ofSeconds(10))
                    .accepted();
        }
    }

    @Test
    void aWhole2016DeploymentEndsWithKerberosAcceptedOnEveryMember() throws Exception {
        estate(ExchangeVersion.EXCHANGE_2016, 2);
        for (CasMemberSimulator m : members) {
            assertThat(kerberosWorksOn(m)).as("before: no member holds the ASA").isFalse();
        }
        ChangeRequest change = approved(estate.storePlan(), List.of());
        assertThat(change.steps()).containsExactly("create-account", "deploy-credential", "assign-spns", "enable-negotiate", "verify");

        DeploymentJob job = run(change);

        assertThat(job.status()).as(jobs.log(job.id()).toString()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        assertThat(jobs.steps(job.id())).extracting(DeploymentJob.StepRun::key).containsExactly("create-account", "set-encryption-types",
                "deploy-credential", "reset-password", "assign-spns", "enable-negotiate", "verify-directory", "verify-members");
        for (CasMemberSimulator m : members) {
            assertThat(m.latestAccount()).isEqualToIgnoringCase(estate.asaName());
            assertThat(m.outlookAnywhereInternalAuthentication()).isEqualTo("Negotiate");
            assertThat(m.mapiAuthenticationMethods()).contains("Negotiate");
            assertThat(kerberosWorksOn(m)).as("after: " + m.host()).isTrue();
        }
        assertThat(tasks(job.id(), "verify-members")).extracting(DeploymentJob.TaskRun::target)
                .containsExactlyInAnyOrder("cas1.contoso.test", "cas2.contoso.test", "cas3.contoso.test");
        assertThat(tasks(job.id(), "verify-members")).allSatisfy(t -> assertThat(t.message()).contains("Kerberos accepted for "
                + namespaceSpns.get(0)).containsPattern("logons in the last hour: Kerberos \\d+, NTLM \\d+"));
        // the credential reached every member before the first SPN was added (audit order)
        List<String> order = jdbc.sql("SELECT action FROM audit_record WHERE correlation = :c AND outcome = 'SUCCESS' AND action IN "
                + "('winrm.set-asa-credential', 'ldap.spn.add') ORDER BY seq").param("c", ChangeRequests.correlation(change.id()))
                .query(String.class).list();
        assertThat(order.subList(0, 3)).containsOnly("winrm.set-asa-credential");
        assertThat(order.subList(3, order.size())).containsOnly("ldap.spn.add");

        // the password the members got is nowhere a person, an export or a log can read it
        long secretId = jdbc.sql("SELECT secret_id FROM job_secret WHERE job_id = :j").param("j", job.id()).query(Long.class).single();
        String password = new String(secrets.reveal(new com.asaconsole.secrets.SecretId(secretId)));
        java.util.Map<String, String> places = new java.util.LinkedHashMap<>();
        places.put("audit_record", jdbc.sql("SELECT * FROM audit_record").query().listOfRows().toString());
        places.put("job_log", jdbc.sql("SELECT * FROM job_log").query().listOfRows().toString());
        places.put("job_task", jdbc.sql("SELECT * FROM job_task").query().listOfRows().toString());
        places.put("change_request", jdbc.sql("SELECT * FROM change_request").query().listOfRows().toString());
        for (String page : List.of("/jobs/" + job.id(), "/changes/" + change.id(), "/changes/" + change.id() + "/story",
                "/audit/export.csv?change=" + ChangeRequests.correlation(change.id()))) {
            var result = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(page)
                    .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user("r").roles("APPROVER")))
                    .andReturn();
            if (result.getRequest().isAsyncStarted()) {
                result = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch(result)).andReturn();
            }
            places.put(page, result.getResponse().getContentAsString());
        }
        places.put("log file", Files.readString(Path.of("target/test-logs/asa-console.json")));
        assertThat(places.get("/jobs/" + job.id())).contains("cas2.contoso.test");
        places.forEach((place, text) -> assertThat(text).as(place).doesNotContain(password));
    }

    @Test
    void aWhole2010DeploymentConvertsTheOabOnEveryMember() throws Exception {
        estate(ExchangeVersion.EXCHANGE_2010, 1);
        ChangeRequest change = approved(estate.storePlan(), List.of());
        assertThat(change.steps()).containsExactly("create-account", "deploy-credential", "convert-oab", "assign-spns", "verify");

        DeploymentJob job = run(change);

        assertThat(job.status()).as(jobs.log(job.id()).toString()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        for (CasMemberSimulator m : members) {
            assertThat(m.oabConverted()).isTrue();
            assertThat(kerberosWorksOn(m)).isTrue();
        }
    }

    @Test
    void aPasswordRollWithAMemberDownLeavesAdAloneUntilARetryReachesIt() throws Exception {
        estate(ExchangeVersion.EXCHANGE_2016, 1);
        int version = estate.storePlan();
        assertThat(run(approved(version, List.of())).status()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        AccountState before = directory.findAccount(estate.asaSam).orElseThrow();

        members.get(1).unreachable(true);
        DeploymentJob roll = run(approved(version, List.of("deploy-credential", "verify")));

        assertThat(roll.status()).isEqualTo(DeploymentJob.Status.PAUSED);
        assertThat(roll.reason()).contains("cas2.contoso.test").contains("Cannot reach")
                .contains("The ASA password in Active Directory was not changed");
        assertThat(directory.readAccount(before.dn()).keyVersion()).as("AD not reset").isEqualTo(before.keyVersion());
        assertThat(tasks(roll.id(), "deploy-credential")).filteredOn(t -> t.status() == DeploymentJob.StepStatus.DONE).hasSize(2);
        // the members that got the new password keep the old one as Previous: Kerberos still works everywhere
        assertThat(kerberosWorksOn(members.get(0))).isTrue();
        assertThat(members.get(0).previousAccount()).isEqualToIgnoringCase(estate.asaName());

        members.get(1).unreachable(false);
        jobs.retry(roll.id(), DeploymentJobTest.DAVE);
        DeploymentJob done = awaitEnd(roll.id());

        assertThat(done.status()).as(jobs.log(roll.id()).toString()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        assertThat(directory.readAccount(before.dn()).keyVersion()).isEqualTo(before.keyVersion() + 1);
        // only cas2 was pushed again: cas1 and cas3 were found holding this job's credential
        assertThat(jdbc.sql("SELECT count(*) FROM audit_record WHERE action = 'winrm.set-asa-credential' AND outcome = 'SUCCESS' "
                + "AND correlation = :c").param("c", ChangeRequests.correlation(roll.changeId())).query(Integer.class).single()).isEqualTo(3);
        for (CasMemberSimulator m : members) {
            assertThat(kerberosWorksOn(m)).as(m.host()).isTrue();
        }
    }

    @Test
    void aMemberLeftOutIsNamedByVerifyAndItsProbeFails() throws Exception {
        estate(ExchangeVersion.EXCHANGE_2016, 1);
        assertThat(run(approved(estate.storePlan(), List.of())).status()).isEqualTo(DeploymentJob.Status.SUCCEEDED);

        // a fourth member joins the topology; nobody deploys the credential to it
        CasMemberSimulator cas4 = lab.start("cas4.contoso.test", ExchangeVersion.EXCHANGE_2016);
        estate.addServer(server(cas4));
        DeploymentJob verify = run(approved(estate.storePlan(), List.of("verify")));

        assertThat(verify.status()).isEqualTo(DeploymentJob.Status.PAUSED);
        assertThat(verify.reason()).contains("cas4.contoso.test does not hold " + estate.asaName())
                .contains("refused the Kerberos ticket for " + namespaceSpns.get(0)).contains("Checksum failed");
        assertThat(tasks(verify.id(), "verify-members")).filteredOn(t -> t.status() == DeploymentJob.StepStatus.DONE).extracting(DeploymentJob.TaskRun::target)
                .containsExactlyInAnyOrder("cas1.contoso.test", "cas2.contoso.test", "cas3.contoso.test");
    }

    @Test
    void aNewMemberGetsTheCredentialCopiedBeforeTrafficAndIsVerified() throws Exception {
        estate(ExchangeVersion.EXCHANGE_2016, 1);
        assertThat(run(approved(estate.storePlan(), List.of())).status()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        AccountState before = directory.findAccount(estate.asaSam).orElseThrow();

        CasMemberSimulator cas4 = lab.start("cas4.contoso.test", ExchangeVersion.EXCHANGE_2016);
        estate.addServer(server(cas4));
        assertThat(kerberosWorksOn(cas4)).isFalse();
        ChangeRequest add = changes.submit(estate.storePlan(), List.of("add-member", "enable-negotiate", "verify"), "cas4.contoso.test",
                DeploymentJobTest.ALICE);
        add = changes.approve(add.id(), add.contentHash(), DeploymentJobTest.BOB, "ok");
        DeploymentJob job = run(add);

        assertThat(job.status()).as(jobs.log(job.id()).toString()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        assertThat(cas4.latestAccount()).isEqualToIgnoringCase(estate.asaName());
        assertThat(kerberosWorksOn(cas4)).isTrue();
        assertThat(tasks(job.id(), "copy-credential")).extracting(DeploymentJob.TaskRun::target).containsExactly("cas4.contoso.test");
        assertThat(tasks(job.id(), "copy-credential").get(0).applied()).isTrue();
        assertThat(directory.readAccount(before.dn()).keyVersion()).as("no new password, AD untouched").isEqualTo(before.keyVersion());
        // only the new member was touched or probed
        assertThat(tasks(job.id(), "enable-negotiate")).extracting(DeploymentJob.TaskRun::target).containsExactly("cas4.contoso.test");
        assertThat(tasks(job.id(), "verify-members")).extracting(DeploymentJob.TaskRun::target).containsExactly("cas4.contoso.test");
    }

    @Test
    void aChangeForSomeMembersTouchesOnlyThemAndNeverResetsAd() throws Exception {
        estate(ExchangeVersion.EXCHANGE_2016, 1);
        int version = estate.storePlan();
        assertThat(run(approved(version, List.of())).status()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        AccountState before = directory.findAccount(estate.asaSam).orElseThrow();
        String cas2Before = members.get(1).latestAccount();

        ChangeRequest change = changes.submit(version, List.of("deploy-credential"), "cas1.contoso.test", DeploymentJobTest.ALICE);
        assertThat(change.members()).containsExactly("cas1.contoso.test");
        assertThat(change.operations()).contains("\n=== remote steps only on: cas1.contoso.test\n");
        change = changes.approve(change.id(), change.contentHash(), DeploymentJobTest.BOB, "ok");
        DeploymentJob job = run(change);

        assertThat(job.status()).isEqualTo(DeploymentJob.Status.PAUSED);
        assertThat(job.reason()).contains("deploys to some members only").contains("cas2.contoso.test").contains("cas3.contoso.test");
        assertThat(tasks(job.id(), "deploy-credential")).extracting(DeploymentJob.TaskRun::target).containsExactly("cas1.contoso.test");
        assertThat(directory.readAccount(before.dn()).keyVersion()).as("AD untouched").isEqualTo(before.keyVersion());
        assertThat(members.get(1).latestAccount()).isEqualTo(cas2Before);
        for (CasMemberSimulator m : members) {
            assertThat(kerberosWorksOn(m)).as(m.host()).isTrue();
        }
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> changes.submit(version, List.of("verify"), "cas9.contoso.test",
                DeploymentJobTest.ALICE))).isInstanceOf(ChangeRefused.class).hasMessageContaining("no server, AD site or CAS array named cas9");
    }

    @Test
    void anSpnOnACasComputerAccountIsPlannedAsAMoveShownToTheReviewerAndRunAsTwoAuditedWrites() throws Exception {
        estate(ExchangeVersion.EXCHANGE_2016, 2);
        // cas1's own computer account holds the first namespace's SPN, as an admin's earlier setspn left it (facts rule 7)
        AccountState cas1 = directory.findAccount("CAS1$").orElseGet(() -> ForestWrites.of(directory).createComputerAccount("CN=Computers," + SambaDc.BASE_DN,
                "CAS1", AccountState.AES_ONLY, "Cas1-Computer-Pw-1!".toCharArray()));
        try {
            ForestWrites.of(directory).addSpn(cas1.dn(), namespaceSpns.get(0));
            int version = estate.storePlan();
            var plan = plans.find(version).orElseThrow().document();
            assertThat(plan.plan().moves()).singleElement().satisfies(m -> {
                assertThat(m.spn()).isEqualTo(namespaceSpns.get(0));
                assertThat(m.fromSam()).isEqualToIgnoringCase("CAS1$");
                assertThat(m.why()).contains("Client Access server cas1.contoso.test");
            });
            assertThat(plan.plan().blocked()).isFalse();
            ChangeRequest change = approved(version, List.of());
            // the reviewer reads both halves, in order, on the change page
            String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/changes/" + change.id())
                    .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user("r").roles("APPROVER")))
                    .andReturn().getResponse().getContentAsString();
            String remove = "dn: " + cas1.dn() + "\nchangetype: modify\ndelete: servicePrincipalName\nservicePrincipalName: " + namespaceSpns.get(0);
            String add = "changetype: modify\nadd: servicePrincipalName\nservicePrincipalName: " + namespaceSpns.get(0);
            assertThat(change.operations()).contains(remove).contains(add);
            assertThat(change.operations().indexOf(remove)).isLessThan(change.operations().indexOf(add));
            assertThat(page).contains("delete: servicePrincipalName").contains("remove from CAS1$");

            DeploymentJob job = run(change);

            assertThat(job.status()).as(jobs.log(job.id()).toString()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
            assertThat(directory.whoHolds(namespaceSpns.get(0))).extracting(o -> o.samAccountName().toUpperCase())
                    .containsExactly(estate.asaSam);
            List<String> halves = jdbc.sql("SELECT action || ' ' || outcome || ' ' || details FROM audit_record WHERE correlation = :c "
                    + "AND target = :spn AND action LIKE 'ldap.spn.%' ORDER BY seq").param("c", ChangeRequests.correlation(change.id()))
                    .param("spn", namespaceSpns.get(0)).query(String.class).list();
            assertThat(halves).hasSize(4);
            assertThat(halves.get(0)).startsWith("ldap.spn.remove PENDING").contains("1 of 2").contains(cas1.dn()).contains("#3");
            assertThat(halves.get(1)).startsWith("ldap.spn.remove SUCCESS");
            assertThat(halves.get(2)).startsWith("ldap.spn.add PENDING").contains("2 of 2").contains("#4");
            assertThat(halves.get(3)).startsWith("ldap.spn.add SUCCESS");
            for (CasMemberSimulator m : members) {
                assertThat(kerberosWorksOn(m)).as(m.host()).isTrue();
            }
        } finally {
            ForestWrites.of(directory).deleteAccount(cas1.dn());
        }
    }

    @Test
    void operationsThatDifferFromTheApprovedOnesStopTheJobBeforeAnyWrite() throws Exception {
        estate(ExchangeVersion.EXCHANGE_2016, 1);
        int version = estate.storePlan();

        // as a new release (or an edited template) would render them: the approved text is not what runs now
        ChangeRequest change = approved(version, List.of());
        String tampered = change.operations().replace("Set-ClientAccessService", "Set-ClientAccessServer");
        assertThat(tampered).isNotEqualTo(change.operations());
        jdbc.sql("UPDATE change_request SET operations = :o WHERE id = :id").param("o", tampered).param("id", change.id()).update();
        DeploymentJob job = run(change);
        assertThat(job.status()).isEqualTo(DeploymentJob.Status.PAUSED);
        assertThat(job.reason()).contains("not the approved ones, so nothing was written").contains("differs from the approved one");
        assertThat(directory.findAccount(estate.asaSam)).as("no write").isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_record WHERE correlation = :c AND (action LIKE 'ldap.%' OR action LIKE 'winrm.%')")
                .param("c", ChangeRequests.correlation(change.id())).query(Integer.class).single()).isZero();
        for (CasMemberSimulator m : members) {
            assertThat(m.latestAccount()).isNull();
        }

        // a topology edit after approval: the change may not start, and the operations rendered now name the new member
        ChangeRequest second = approved(version, List.of());
        CasMemberSimulator cas4 = lab.start("cas4.contoso.test", ExchangeVersion.EXCHANGE_2016);
        estate.addServer(server(cas4));
        assertThat(changes.whyNotRunnable(second.id())).get().asString().contains("voids the approval");
        assertThat(renderer.now(changes.find(second.id()).orElseThrow()).differenceFrom(second.operations())).get().asString()
                .contains("cas4.contoso.test").contains("was not approved");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> jobs.start(second.id(), DeploymentJobTest.DAVE)))
                .isInstanceOf(ChangeRefused.class).hasMessageContaining("voids the approval");
        assertThat(directory.findAccount(estate.asaSam)).isEmpty();
    }
}
