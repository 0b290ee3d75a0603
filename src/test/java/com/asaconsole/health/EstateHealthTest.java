package com.asaconsole.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.asaconsole.ConsoleTest;
import com.asaconsole.deployment.ChangeRefused;
import com.asaconsole.deployment.ChangeRequest;
import com.asaconsole.deployment.ChangeRequests;
import com.asaconsole.deployment.DeploymentJob;
import com.asaconsole.deployment.Jobs;
import com.asaconsole.deployment.LabEstate;
import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.DirectoryGateway;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.directory.ForestDirectory;
import com.asaconsole.directory.ForestWrites;
import com.asaconsole.directory.LdapWrite;
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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The estate checks against the Samba DC and three CAS member SIMULATORs after a real deployment
 * through an approved change: every check green, then one drift at a time (a member rebuilt without
 * the credential, a member down, the SPN moved to a CAS computer account, encryption types 28 and 4,
 * the ASA deleted), each found by the next round of the persistent scheduler with the right cause.
 * The health page and the dashboard's tile are looked at in Chromium at 1280 and 390 px (axe-core,
 * overflow) while drift is shown; screenshots in target/health-page/.
 */
@ConsoleTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
// a fresh console per test: each models its own three members (cas1 to cas3) and checks only its own estate
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@ExtendWith(SambaLab.class)
@LabTest
class EstateHealthTest {

    static final ConsoleUser ALICE = new ConsoleUser("sid:S-1-5-21-1-1-1-1101", "alice@contoso.test", "Alice Admin", ConsoleUser.Method.LDAP,
            EnumSet.of(Role.ADMIN, Role.APPROVER));
    static final ConsoleUser BOB = new ConsoleUser("sid:S-1-5-21-1-1-1-1102", "bob@contoso.test", "Bob Reviewer", ConsoleUser.Method.LDAP,
            EnumSet.of(Role.APPROVER));

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        LabWinRm.register(registry);
        LabSmtp.register(registry);
        registry.add("asa.notify.recipients.ADMIN", () -> "exchange-admins@contoso.test");
        // a short interval: every drift below is found by a scheduled round, not by calling the checks
        registry.add("asa.health.interval", () -> "3s");
        registry.add("asa.health.logon-window", () -> "1h");
    }

    static final Path SHOTS = Path.of("target/health-page");
    /** What "Protect object from accidental deletion" writes, as SDDL. */
    static final String PROTECTION = "(D;;SDDT;;;WD)";
    /** ... and on the object's container: Everyone denied Delete child objects. */
    static final String PARENT_PROTECTION = "(D;;DC;;;WD)";
    static final String CONTAINER = "CN=Computers," + SambaDc.BASE_DN;
    /** Denies the domain's Administrator (the console's bind account in the lab) Reset password. */
    static final String DENY_RESET = "(OD;;CR;00299570-246d-11d0-a768-00aa006e0529;;LA)";

    @RegisterExtension
    final ConsoleBrowser console = new ConsoleBrowser(Duration.ofSeconds(30));

    @Autowired EstateHealth health;
    @Autowired PreparedFixes fixes;
    @Autowired ChangeRequests changes;
    @Autowired Jobs jobs;
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DirectorySettings settings;
    @Autowired DirectoryGateway gateway;

    SambaDc dc;
    ForestDirectory directory;
    SimulatedCasMembers lab;
    LabEstate estate;
    List<CasMemberSimulator> members;
    String cas1Dn;

    @BeforeEach
    void lab(SambaDc dc) {
        this.dc = dc;
        LabDirectory.connect(settings, dc);
        directory = gateway.open(settings.connection(SambaDc.DNS_DOMAIN));
    }

    @AfterEach
    void cleanUp() {
        if (dc.aces(CONTAINER).contains(PARENT_PROTECTION)) {
            dc.removeAces(CONTAINER, PARENT_PROTECTION);
        }
        if (lab != null) {
            lab.close();
        }
        if (estate != null) {
            directory.findAccount(estate.asaSam).ifPresent(a -> {
                if (directory.safety(a.dn()).protectedFromDeletion()) {
                    dc.removeAces(a.dn(), PROTECTION);
                }
                ForestWrites.of(directory).deleteAccount(a.dn());
            });
        }
        if (cas1Dn != null) {
            directory.findAccount("CAS1$").ifPresent(a -> ForestWrites.of(directory).deleteAccount(a.dn()));
        }
    }

    @Test
    void afterAHealthyDeploymentEveryCheckIsGreenAndEachDriftIsFoundByTheNextScheduledRoundWithItsCause() throws Exception {
        Deployed deployed = deployThreeMembers();
        List<String> spns = deployed.spns();
        int version = deployed.version();
        String asa = estate.asaName();

        // 1. right after the deployment: all green but the two protections nobody has set yet
        EstateHealth.Report report = nextRound();
        assertThat(notOk(report)).containsExactlyInAnyOrder("ASA " + asa + " deletion-protection NOT_PROTECTED",
                "ASA " + asa + " description NOT_MARKED");
        assertThat(report.of(SubjectKind.MEMBER)).extracting(EstateHealth.Subject::name)
                .containsExactly("cas1.contoso.test", "cas2.contoso.test", "cas3.contoso.test");
        assertThat(report.of(SubjectKind.NAMESPACE)).extracting(EstateHealth.Subject::name).containsExactlyInAnyOrderElementsOf(spns);
        assertThat(result(report, SubjectKind.ASA, asa, "reset-right").sentence()).contains("may reset the password");
        assertThat(result(report, SubjectKind.NAMESPACE, spns.get(0), "kdc-ticket").evidence()).contains("AES256")
                .contains("key version " + directory.findAccount(estate.asaSam).orElseThrow().keyVersion());
        for (CasMemberSimulator m : members) {
            CheckResult probe = result(report, SubjectKind.MEMBER, m.host(), "kerberos-probe");
            assertThat(probe.sentence()).contains("accepts Kerberos for " + spns.get(0)).contains(spns.get(1));
            assertThat(result(report, SubjectKind.MEMBER, m.host(), "logons").kerberosLogons()).as("the probes logged on").isPositive();
        }

        // an admin protects the account and marks its description: every check is green, and "check now" ran the round
        AccountState account = directory.findAccount(estate.asaSam).orElseThrow();
        dc.addAces(account.dn(), PROTECTION);
        dc.addAces(CONTAINER, PARENT_PROTECTION);
        ForestWrites.of(directory).write(new LdapWrite(account.dn(), LdapWrite.Change.MODIFY, List.of(new LdapWrite.Item(LdapWrite.Item.Op.REPLACE,
                "description", List.of("Exchange Alternate Service Account: do not delete"), false))), null, "marking the ASA");
        // "Check now" on the page, as an admin: the scheduler runs the round at once
        console.signIn("admin", ConsoleTest.BOOTSTRAP_PASSWORD);
        console.open("/health");
        Instant asked = Instant.now();
        console.browser().findElement(By.id("check-now")).click();
        console.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-success"),
                "A check round was asked for"));
        // (a scheduled round may start at the moment of the click, rounds come every 3 s here: the asked-for one follows it)
        report = onDemandRoundAfter(asked);
        assertThat(notOk(report)).isEmpty();
        assertThat(report.drifted()).isZero();

        // 2. a member rebuilt without the credential; the fix goes through a four-eyes change, and the next round is green
        members.get(1).rebuiltWithoutCredential();
        report = nextRound();
        assertThat(notOk(report)).containsExactlyInAnyOrder("MEMBER cas2.contoso.test credential CREDENTIAL_MISSING",
                "MEMBER cas2.contoso.test kerberos-probe PROBE_REFUSED");
        assertThat(report.drifted()).isEqualTo(2);
        assertThat(result(report, SubjectKind.MEMBER, "cas2.contoso.test", "credential").fix()).contains("Copy the ASA credential");
        // the admins hear of it by e-mail (a real SMTP server on loopback)
        assertThat(mailSaying("cas2.contoso.test holds no ASA credential")).as("drift mail").isTrue();
        // what an admin sees: the page names the member, the check in words, the evidence, and marks the drift; so does the dashboard
        List<String> problems = new ArrayList<>();
        PageCheck check = new PageCheck(console.browser(), SHOTS);
        console.open("/health");
        String page = console.browser().findElement(By.tagName("main")).getText();
        // (rounds come every 3 s here, so the page may already show a later round: "since" names the first failing one)
        String since = "FAIL since " + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(java.time.ZoneOffset.UTC).format(report.round().startedAt()) + " UTC";
        assertThat(page).contains("cas2.contoso.test holds no ASA credential").contains("Fix: Copy the ASA credential")
                .contains("Latest: <Not set>").contains(since);
        assertThat(console.browser().findElements(By.cssSelector("article.health-card.verdict-FAIL"))).hasSize(1);
        // the SPN map, coloured by this round, says each verdict in words too: cas2 fails, the SPNs and the other members are OK
        String map = console.browser().findElement(By.cssSelector("section.spn-maps")).getAttribute("innerHTML");
        assertThat(map).contains("SPN map, live").contains(">FAIL: ASA credential +1 more<").contains(">OK: accepts Kerberos<")
                .contains(">OK: registered on the ASA, AES ticket<").contains("FAIL: Kerberos fails there");
        assertThat(console.browser().findElements(By.cssSelector("svg.trend-bars"))).as("a trend per member").hasSize(3);
        for (int width : new int[] { 1280, 390 }) {
            check.width(width);
            problems.addAll(check.check("health-drift", 200));
        }
        check.width(1280);
        console.open("/");
        assertThat(console.browser().findElement(By.id("health-tile")).getText()).contains("FAIL").contains("2 failure(s)")
                .contains("cas2.contoso.test: ASA credential, Kerberos probe");
        for (int width : new int[] { 1280, 390 }) {
            check.width(width);
            problems.addAll(check.check("dashboard-drift", 200));
        }
        check.width(1280);
        assertThat(problems).as("health page and dashboard fit for people (screenshots in " + SHOTS + ")").isEmpty();
        // the admin prepares the fix from the page: a change of the checked plan version, only for cas2; a second person approves it
        console.open("/health");
        console.browser().findElement(By.id("fix-cas2-contoso-test-credential")).click();
        console.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-success"), "submitted as change #"));
        long changeId = Long.parseLong(console.browser().getCurrentUrl().replaceAll(".*/changes/(\\d+).*", "$1"));
        ChangeRequest prepared = changes.find(changeId).orElseThrow();
        assertThat(prepared.planVersion()).isEqualTo(version);
        assertThat(prepared.members()).containsExactly("cas2.contoso.test");
        assertThat(prepared.operations()).contains("cas2.contoso.test").doesNotContain("unicodePwd");
        assertThat(console.browser().findElements(By.id("fix-cas1-contoso-test-credential"))).as("only failing checks offer a fix").isEmpty();
        prepared = changes.approve(prepared.id(), prepared.contentHash(), BOB, "ok");
        DeploymentJob fix = run(prepared);
        assertThat(jobs.steps(fix.id())).extracting(DeploymentJob.StepRun::key).containsExactly("copy-credential", "verify-directory",
                "verify-members");
        assertThat(fix.status()).as(jobs.log(fix.id()).toString()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        assertThat(notOk(nextRound())).isEmpty();

        // 3. a member down
        members.get(2).unreachable(true);
        report = nextRound();
        assertThat(notOk(report)).containsExactly("MEMBER cas3.contoso.test credential MEMBER_UNREACHABLE");
        assertThat(result(report, SubjectKind.MEMBER, "cas3.contoso.test", "credential").sentence()).contains("cas3.contoso.test");
        members.get(2).unreachable(false);
        assertThat(notOk(nextRound())).isEmpty();

        // 4. another admin moved the first namespace's SPN to CAS1's computer account (facts rule 7)
        AccountState cas1 = ForestWrites.of(directory).createComputerAccount("CN=Computers," + SambaDc.BASE_DN, "CAS1", AccountState.AES_ONLY,
                "Cas1-Computer-Pw-1!".toCharArray());
        cas1Dn = cas1.dn();
        ForestWrites.of(directory).removeSpn(account.dn(), spns.get(0));
        ForestWrites.of(directory).addSpn(cas1.dn(), spns.get(0));
        report = nextRound();
        assertThat(notOk(report)).contains("NAMESPACE " + spns.get(0) + " spn-registration SPN_ON_CAS_COMPUTER",
                "MEMBER cas1.contoso.test kerberos-probe PROBE_REFUSED", "MEMBER cas2.contoso.test kerberos-probe PROBE_REFUSED",
                "MEMBER cas3.contoso.test kerberos-probe PROBE_REFUSED");
        assertThat(notOk(report)).allMatch(r -> r.startsWith("NAMESPACE " + spns.get(0) + " ") || r.endsWith("kerberos-probe PROBE_REFUSED"));
        assertThat(result(report, SubjectKind.NAMESPACE, spns.get(0), "spn-registration").sentence())
                .contains("the computer account of Client Access server cas1.contoso.test");
        ForestWrites.of(directory).removeSpn(cas1.dn(), spns.get(0));
        ForestWrites.of(directory).addSpn(account.dn(), spns.get(0));
        assertThat(notOk(nextRound())).isEmpty();

        // 5. encryption types 28 (RC4 allowed beside AES), then 4 (RC4 only)
        ForestWrites.of(directory).setEncryptionTypes(account.dn(), 28);
        report = nextRound();
        assertThat(notOk(report)).containsExactly("ASA " + asa + " encryption-types RC4_ALLOWED");
        assertThat(result(report, SubjectKind.ASA, asa, "encryption-types").fix()).contains("24");
        // the prepared fix: the create-account step (its account half skipped for the account in place) sets 24, through review
        ChangeRequest aes = fixes.prepare(SubjectKind.ASA, asa, "encryption-types", ALICE);
        assertThat(aes.steps()).containsExactly("create-account", "verify");
        assertThat(aes.members()).containsExactly("cas1.contoso.test", "cas2.contoso.test", "cas3.contoso.test");
        assertThat(aes.operations()).contains("msDS-SupportedEncryptionTypes").contains("Skipped when an account with sAMAccountName");
        DeploymentJob aesJob = run(changes.approve(aes.id(), aes.contentHash(), BOB, "ok"));
        assertThat(aesJob.status()).as(jobs.log(aesJob.id()).toString()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        assertThat(directory.findAccount(estate.asaSam).orElseThrow().encryptionTypes()).isEqualTo(24);
        assertThat(notOk(nextRound())).isEmpty();
        ForestWrites.of(directory).setEncryptionTypes(account.dn(), 4);
        report = nextRound();
        assertThat(notOk(report)).contains("ASA " + asa + " encryption-types RC4_ONLY", "NAMESPACE " + spns.get(0) + " kdc-ticket TICKET_NOT_AES",
                "NAMESPACE " + spns.get(1) + " kdc-ticket TICKET_NOT_AES");
        assertThat(notOk(report)).allMatch(r -> r.contains("encryption-types") || r.contains("kdc-ticket") || r.contains("kerberos-probe"));
        ForestWrites.of(directory).setEncryptionTypes(account.dn(), 24);
        assertThat(notOk(nextRound())).isEmpty();

        // 6. the console's directory account loses Reset password on the ASA: found before a roll fails in AD
        dc.addAces(account.dn(), DENY_RESET);
        report = nextRound();
        assertThat(notOk(report)).containsExactly("ASA " + asa + " reset-right NO_RESET_RIGHT");
        assertThat(result(report, SubjectKind.ASA, asa, "reset-right").fix()).contains("Reset password");

        // 7. the ASA deleted by a stale-computer clean-up (which only works once the protection is gone)
        dc.removeAces(account.dn(), DENY_RESET, PROTECTION);
        ForestWrites.of(directory).deleteAccount(account.dn());
        report = nextRound();
        assertThat(notOk(report)).contains("ASA " + asa + " account ASA_MISSING", "NAMESPACE " + spns.get(0) + " spn-registration SPN_MISSING",
                "NAMESPACE " + spns.get(1) + " spn-registration SPN_MISSING", "MEMBER cas1.contoso.test kerberos-probe PROBE_NO_TICKET");
        assertThat(result(report, SubjectKind.ASA, asa, "account").fix()).contains("Re-create the ASA");
        assertThat(report.drifted()).isGreaterThanOrEqualTo(4);
        // the prepared fix: the whole deployment again for this ASA's members, through review; then Kerberos works again
        ChangeRequest redeploy = fixes.prepare(SubjectKind.ASA, asa, "account", ALICE);
        assertThat(redeploy.steps()).contains("create-account", "deploy-credential", "assign-spns", "verify");
        DeploymentJob redeployed = run(changes.approve(redeploy.id(), redeploy.contentHash(), BOB, "ok"));
        assertThat(redeployed.status()).as(jobs.log(redeployed.id()).toString()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        assertThat(notOk(nextRound())).as("only the protections of the new account are left to an admin")
                .containsExactlyInAnyOrder("ASA " + asa + " deletion-protection NOT_PROTECTED", "ASA " + asa + " description NOT_MARKED");

        // the history keeps every round, each with its time
        assertThat(health.history(50)).hasSizeGreaterThanOrEqualTo(12).allSatisfy(r -> assertThat(r.finishedAt()).isAfterOrEqualTo(r.startedAt()));
    }

    /**
     * The drifts whose fix needs more than one member or one attribute: an SPN another admin put on a CAS computer account
     * (moved back by the SPN step of a plan version stored from the directory as it is now), a roll done outside the console
     * while one member was down (the current credential copied to it), and an ASA neither protected from deletion nor marked
     * (protected and marked by wizard step 8). Each is found by the next scheduled round with its cause, the prepared fix is
     * approved by a second person and run by the executor, and the next round is green.
     */
    @Test
    void theSpnOnACasComputerAccountAMissedRollAndTheMissingProtectionAreFixedThroughApprovedChanges() throws Exception {
        Deployed deployed = deployThreeMembers();
        String tag = deployed.tag();
        List<String> spns = deployed.spns();
        int version = deployed.version();
        String asa = estate.asaName();
        AccountState account = directory.findAccount(estate.asaSam).orElseThrow();
        Set<String> protections = Set.of("ASA " + asa + " deletion-protection NOT_PROTECTED", "ASA " + asa + " description NOT_MARKED");
        assertThat(notOk(nextRound())).isEqualTo(protections);

        // 1. another admin put the first namespace's SPN on CAS1's computer account (setspn -D on the ASA, setspn -S on CAS1$)
        AccountState cas1 = ForestWrites.of(directory).createComputerAccount("CN=Computers," + SambaDc.BASE_DN, "CAS1", AccountState.AES_ONLY,
                "Cas1-Computer-Pw-1!".toCharArray());
        cas1Dn = cas1.dn();
        ForestWrites.of(directory).removeSpn(account.dn(), spns.get(0));
        ForestWrites.of(directory).addSpn(cas1.dn(), spns.get(0));
        EstateHealth.Report report = nextRound();
        assertThat(notOk(report)).contains("NAMESPACE " + spns.get(0) + " spn-registration SPN_ON_CAS_COMPUTER");
        assertThat(fixable(report, SubjectKind.NAMESPACE, spns.get(0), "spn-registration")).isTrue();
        // the prepared fix: the plan stored again from the directory (it plans the move), then the SPN step moves it back
        ChangeRequest move = fixes.prepare(SubjectKind.NAMESPACE, spns.get(0), "spn-registration", ALICE);
        assertThat(move.planVersion()).isGreaterThan(version);
        assertThat(move.steps()).containsExactly("assign-spns", "verify");
        assertThat(move.members()).containsExactly("cas1.contoso.test", "cas2.contoso.test", "cas3.contoso.test");
        // the exact writes, rendered by the SPN step that performs them: remove from CAS1$, then add to the ASA
        String ops = move.operations().toLowerCase(java.util.Locale.ROOT);
        String removal = ("dn: " + cas1.dn() + "\nchangetype: modify\ndelete: servicePrincipalName\nservicePrincipalName: " + spns.get(0))
                .toLowerCase(java.util.Locale.ROOT);
        String addition = ("dn: " + account.dn() + "\nchangetype: modify\nadd: servicePrincipalName\nservicePrincipalName: " + spns.get(0))
                .toLowerCase(java.util.Locale.ROOT);
        assertThat(ops).contains(removal).contains(addition);
        assertThat(ops.indexOf(removal)).isLessThan(ops.indexOf(addition));
        // four eyes: the one who prepared it cannot approve it
        assertThatThrownBy(() -> changes.approve(move.id(), move.contentHash(), ALICE, "mine")).isInstanceOf(ChangeRefused.class);
        DeploymentJob moved = run(changes.approve(move.id(), move.contentHash(), BOB, "ok"));
        assertThat(moved.status()).as(jobs.log(moved.id()).toString()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        assertThat(directory.spnsOf(cas1.dn())).doesNotContain(spns.get(0));
        assertThat(directory.whoHolds(spns.get(0))).extracting(o -> o.dn()).containsExactly(account.dn());
        assertThat(notOk(nextRound())).isEqualTo(protections);

        // 2. a roll done outside the console (RollAlternateServiceAccountPassword.ps1) while cas3 was down: cas1 and cas2 got
        // the new password, AD got it, cas3 kept the one it received at the roll before, 30 days ago (the simulator dates it back)
        members.get(2).credentialReceivedAt(Instant.now().minus(Duration.ofDays(30)));
        members.get(2).unreachable(true);
        char[] rolled = ("Rolled-" + tag + "-Pw-9!").toCharArray();
        String credentialName = members.get(0).latestAccount();
        members.get(0).credentialSetOutsideTheConsole(credentialName, rolled.clone());
        members.get(1).credentialSetOutsideTheConsole(credentialName, rolled.clone());
        ForestWrites.of(directory).setPassword(account.dn(), rolled.clone());
        members.get(2).unreachable(false);
        report = nextRound();
        assertThat(notOk(report)).contains("MEMBER cas3.contoso.test credential MISSED_ROLL")
                .allMatch(r -> r.startsWith("MEMBER cas3.contoso.test ") || protections.contains(r));
        assertThat(result(report, SubjectKind.MEMBER, "cas3.contoso.test", "credential").sentence()).contains("missed a roll");
        assertThat(fixable(report, SubjectKind.MEMBER, "cas3.contoso.test", "credential")).isTrue();
        ChangeRequest copy = fixes.prepare(SubjectKind.MEMBER, "cas3.contoso.test", "credential", ALICE);
        assertThat(copy.members()).containsExactly("cas3.contoso.test");
        assertThat(copy.operations()).contains("received after the password in Active Directory was set").doesNotContain("Rolled-");
        DeploymentJob copied = run(changes.approve(copy.id(), copy.contentHash(), BOB, "ok"));
        assertThat(copied.status()).as(jobs.log(copied.id()).toString()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        assertThat(jobs.steps(copied.id())).extracting(DeploymentJob.StepRun::key).startsWith("copy-credential");
        assertThat(jobs.log(copied.id()).toString()).contains("copied the credential from cas1.contoso.test to cas3.contoso.test");
        assertThat(notOk(nextRound())).as("cas3 holds the current credential and accepts Kerberos again").isEqualTo(protections);

        // 3. the ASA neither protected from accidental deletion nor marked for clean-up scripts (never set, since the deployment):
        // one prepared change protects it and sets the description, each write rendered by the step that makes it
        report = roundAfter(Instant.now());
        assertThat(fixable(report, SubjectKind.ASA, asa, "deletion-protection")).isTrue();
        assertThat(fixable(report, SubjectKind.ASA, asa, "description")).isTrue();
        ChangeRequest protect = fixes.prepare(SubjectKind.ASA, asa, "deletion-protection", ALICE);
        assertThat(protect.steps()).containsExactly("protect-account");
        assertThat(protect.members()).containsExactly("cas1.contoso.test", "cas2.contoso.test", "cas3.contoso.test");
        assertThat(protect.operations()).contains("dn: " + CONTAINER).contains(PROTECTION).contains(PARENT_PROTECTION)
                .contains("replace: description\ndescription: Exchange Alternate Service Account");
        DeploymentJob protecting = run(changes.approve(protect.id(), protect.contentHash(), BOB, "ok"));
        assertThat(protecting.status()).as(jobs.log(protecting.id()).toString()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        var safety = directory.safety(account.dn());
        assertThat(safety.protectedFromDeletion()).isTrue();
        assertThat(safety.description()).startsWith("Exchange Alternate Service Account");
        assertThat(safety.bindAccountMayResetPassword()).as("the rest of the DACL is as it was").isTrue();
        // Samba's own tools read the ACE ADUC's check box writes
        assertThat(dc.aces(account.dn())).contains(PROTECTION);
        assertThat(dc.aces(CONTAINER)).contains(PARENT_PROTECTION);
        assertThat(notOk(nextRound())).as("every check green").isEmpty();
        // the protection holds: the directory refuses to delete the ASA
        assertThatThrownBy(() -> ForestWrites.of(directory).deleteAccount(account.dn())).hasMessageContaining(account.dn());
        assertThat(directory.findAccount(estate.asaSam)).isPresent();
    }

    static boolean fixable(EstateHealth.Report report, SubjectKind kind, String subject, String check) {
        return report.subjects().stream().filter(s -> s.kind() == kind && s.name().equalsIgnoreCase(subject))
                .flatMap(s -> s.checks().stream()).filter(c -> c.result().check().equals(check)).anyMatch(EstateHealth.Check::fixable);
    }

    /** What {@link #deployThreeMembers()} set up: the tag of its names, the two namespace SPNs, the stored plan version. */
    record Deployed(String tag, List<String> spns, int version) {
    }

    /** Three CAS member SIMULATORs behind two namespaces, deployed through an approved change (the job succeeded). */
    Deployed deployThreeMembers() throws Exception {
        String tag = java.util.UUID.randomUUID().toString().substring(0, 6);
        List<String> spns = List.of("http/ns1-" + tag + ".contoso.test", "http/ns2-" + tag + ".contoso.test");
        lab = new SimulatedCasMembers(dc, spns);
        members = List.of(lab.start("cas1.contoso.test", ExchangeVersion.EXCHANGE_2016),
                lab.start("cas2.contoso.test", ExchangeVersion.EXCHANGE_2016), lab.start("cas3.contoso.test", ExchangeVersion.EXCHANGE_2016));
        estate = new LabEstate(mvc, jdbc, dc, 2, members.stream().map(m -> new LabEstate.Server(m.host(),
                "https://" + m.host() + ":" + m.port() + "/wsman", m.version().name())).toList(), tag);
        int version = estate.storePlan();
        DeploymentJob deployed = run(approved(version, List.of()));
        assertThat(deployed.status()).as(jobs.log(deployed.id()).toString()).isEqualTo(DeploymentJob.Status.SUCCEEDED);
        return new Deployed(tag, spns, version);
    }

    /** Whether a message with this text reaches the lab SMTP server within 20 s. */
    static boolean mailSaying(String text) {
        try {
            await("a mail saying " + text).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> {
                for (var message : LabSmtp.server().getReceivedMessages()) {
                    if (message.getContent().toString().contains(text)) {
                        return true;
                    }
                }
                return false;
            });
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    ChangeRequest approved(int version, List<String> steps) {
        ChangeRequest change = changes.submit(version, steps, ALICE);
        return changes.approve(change.id(), change.contentHash(), BOB, "ok");
    }

    DeploymentJob run(ChangeRequest change) throws InterruptedException {
        return com.asaconsole.deployment.JobEnds.await(jobs, jobs.start(change.id(), ALICE).id(), Duration.ofSeconds(180));
    }

    /** The first round the scheduler starts after now: it sees everything done before this call. */
    EstateHealth.Report nextRound() throws InterruptedException {
        return roundAfter(Instant.now());
    }

    /** The round "Check now" asked for: the first one after {@code after} whose trigger is ON_DEMAND. */
    EstateHealth.Report onDemandRoundAfter(Instant after) {
        return health.report(await("a round asked for after " + after).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> health.history(20).stream()
                        .filter(r -> r.startedAt().isAfter(after) && r.trigger() == com.asaconsole.health.HealthRound.Trigger.ON_DEMAND)
                        .findFirst(), java.util.Optional::isPresent).orElseThrow());
    }

    EstateHealth.Report roundAfter(Instant after) {
        return health.report(await("a check round started after " + after).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(health::latest, latest -> latest.isPresent() && latest.get().startedAt().isAfter(after)).orElseThrow());
    }

    static Set<String> notOk(EstateHealth.Report report) {
        Set<String> out = new TreeSet<>();
        report.subjects().forEach(s -> s.failing().forEach(c -> out.add(s.kind() + " " + s.name() + " " + c.result().check() + " "
                + c.result().cause())));
        return out;
    }

    static CheckResult result(EstateHealth.Report report, SubjectKind kind, String subject, String check) {
        List<CheckResult> found = new ArrayList<>();
        report.subjects().stream().filter(s -> s.kind() == kind && s.name().equalsIgnoreCase(subject))
                .forEach(s -> s.checks().stream().map(EstateHealth.Check::result).filter(r -> r.check().equals(check)).forEach(found::add));
        assertThat(found).as(kind + " " + subject + " " + check).hasSize(1);
        return found.get(0);
    }
}
