package com.asaconsole.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.ForestDirectory;
import com.asaconsole.directory.ForestWrites;
import com.asaconsole.kerberos.KerberosProbe;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;
import com.asaconsole.lab.cas.CasMemberSimulator;
import com.asaconsole.lab.cas.SimulatedCasMembers;
import com.asaconsole.remoting.ExchangeOperation.ConvertOabVirtualDirectory;
import com.asaconsole.remoting.ExchangeOperation.CopyAsaCredential;
import com.asaconsole.remoting.ExchangeOperation.EnableNegotiate;
import com.asaconsole.remoting.ExchangeOperation.GetAsaStatus;
import com.asaconsole.remoting.ExchangeOperation.KerberosLogonStats;
import com.asaconsole.remoting.ExchangeOperation.RemoveAsaCredentials;
import com.asaconsole.remoting.ExchangeOperation.SetAsaCredential;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's WinRM client against CAS member SIMULATORs in the real lab: Kerberos from the
 * Samba KDC for every WS-Management request, HTTPS against the lab CA, the ASA credential
 * deployed and proven by SPNEGO probes for the namespace SPN straight to each member.
 */
@ExtendWith(SambaLab.class)
@LabTest
class CasMembersLabTest {

    private static final String NAMESPACE_SPN = "http/mail.contoso.test";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String ASA = "EXASA" + UUID.randomUUID().toString().substring(0, 4).toUpperCase();

    private static SambaDc dc;
    private static SimulatedCasMembers lab;
    private static CasMemberSimulator cas1;
    private static CasMemberSimulator cas2;
    private static CasMemberSimulator cas3;
    private static CasMemberSimulator cas4;
    private static List<CasMemberSimulator> eight;
    private static ExchangeRemote remote;
    private static ForestDirectory directory;
    private static AccountState asa;
    /** The product's fan-out on threads made as the console makes them. */
    private static org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor memberThreads;
    private static MemberFanOut fanOut;

    @BeforeAll
    static void start(SambaDc sambaDc) {
        dc = sambaDc;
        lab = new SimulatedCasMembers(dc, List.of(NAMESPACE_SPN));
        cas1 = lab.start("cas1.contoso.test", ExchangeVersion.EXCHANGE_2016);
        cas2 = lab.start("cas2.contoso.test", ExchangeVersion.EXCHANGE_2016);
        cas3 = lab.start("cas3.contoso.test", ExchangeVersion.EXCHANGE_2010);
        cas4 = lab.start("cas4.contoso.test", ExchangeVersion.EXCHANGE_2019);
        eight = new ArrayList<>(List.of(cas1, cas2, cas3, cas4));
        for (int i = 5; i <= 8; i++) {
            eight.add(lab.start("cas" + i + ".contoso.test", ExchangeVersion.EXCHANGE_SE));
        }
        remote = new ExchangeRemote(WinRmLogin.password(dc.adminPrincipal(), dc.adminPassword().toCharArray()), lab.trustStore());
        directory = lab.directory();
        memberThreads = com.asaconsole.threads.ManagedThreads.onDemand(new org.springframework.boot.task.ThreadPoolTaskExecutorBuilder(), "member");
        memberThreads.initialize();
        fanOut = new MemberFanOut(memberThreads);
    }

    @AfterAll
    static void stop() {
        if (memberThreads != null) {
            memberThreads.shutdown();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void kerberosAuthenticatedCallsReachEveryMemberWithItsOwnVersionsScript() {
        // members as built, whatever the other tests (in their random order) deployed to them before
        List.of(cas1, cas2, cas3).forEach(CasMemberSimulator::rebuiltWithoutCredential);
        for (CasMemberSimulator member : List.of(cas1, cas2, cas3)) {
            AsaStatus status = remote.run(member.endpoint(), new GetAsaStatus(), TIMEOUT);
            assertThat(status.latest()).isNull();
            assertThat(status.describe()).isEqualTo("Latest: <Not set>; Previous: <Not set>");
        }
        // the console's WinRM identity can also come from a keytab instead of a password
        ExchangeRemote withKeytab = new ExchangeRemote(WinRmLogin.keytab(dc.adminPrincipal(), dc.exportKeytab(dc.adminPrincipal())),
                lab.trustStore());
        assertThat(withKeytab.run(cas2.endpoint(), new GetAsaStatus(), TIMEOUT).latest()).isNull();
        // a script rendered for another version is not what that member runs
        CasEndpoint wrongVersion = new CasEndpoint(cas3.host(), cas3.port(), ExchangeVersion.EXCHANGE_2016, Duration.ofSeconds(2));
        assertThatThrownBy(() -> remote.run(wrongVersion, new GetAsaStatus(), TIMEOUT))
                .isInstanceOf(RemoteOperationFailed.class)
                .hasMessageStartingWith("cas3.contoso.test ran get-asa-status but printed no result (exit code 1)")
                .hasMessageContaining("Exchange 2010 refuses the script").hasMessageContaining("Exchange 2010 has no Get-ClientAccessService");
    }

    @Test
    void theAsaCredentialMakesAMemberAcceptKerberosForTheNamespaceAndAPasswordRollKeepsOldTicketsWorking() {
        char[] pw1 = new com.asaconsole.directory.PasswordGenerator().generate();
        asa = lab.createAsa(ASA, pw1);
        String account = SambaDc.NETBIOS_DOMAIN + "\\" + ASA + "$";

        try (KerberosProbe before = probe()) {
            // nobody holds the ASA yet: a real CAS decrypts with its machine key and fails
            KerberosProbe.Result refused = probe(before, cas1);
            assertThat(refused.accepted()).isFalse();
            assertThat(refused.sentence()).contains("refused the Kerberos ticket for http/mail.contoso.test").contains("Checksum failed");
            int kvno1 = refused.ticket().keyVersion();

            AsaStatus deployed = remote.run(cas1.endpoint(), new SetAsaCredential(account, pw1), TIMEOUT);
            assertThat(deployed.latest().account()).isEqualTo(account);
            assertThat(deployed.previous()).isNull();
            assertThat(probe(before, cas1).accepted()).isTrue();
            KerberosProbe.Result other = probe(before, cas2);
            assertThat(other.accepted()).isFalse();
            assertThat(other.sentence()).contains("cas2.contoso.test").contains("Checksum failed");

            // the roll: the new password to the member first (Latest), the old one stays Previous ...
            char[] pw2 = new com.asaconsole.directory.PasswordGenerator().generate();
            AsaStatus rolled = remote.run(cas1.endpoint(), new SetAsaCredential(account, pw2), TIMEOUT);
            assertThat(rolled.latest().account()).isEqualTo(account);
            assertThat(rolled.previous().account()).isEqualTo(account);
            assertThat(rolled.latest().added()).isAfter(rolled.previous().added());
            assertThat(probe(before, cas1).accepted()).as("a ticket issued before the roll, decrypted with Previous").isTrue();
            // ... and only then AD
            ForestWrites.of(directory).setPassword(asa.dn(), pw2);
            try (KerberosProbe after = probe()) {
                KerberosProbe.Result fresh = probe(after, cas1);
                assertThat(fresh.accepted()).as(fresh.sentence()).isTrue();
                assertThat(fresh.ticket().keyVersion()).isGreaterThan(kvno1);
                assertThat(fresh.sentence()).contains("accepted").contains("AES256");

                // a member added later gets the credential from a good member, not from the console
                AsaStatus copied = remote.run(cas2.endpoint(), new CopyAsaCredential("cas1.contoso.test"), TIMEOUT);
                assertThat(copied.latest().account()).isEqualTo(account);
                assertThat(probe(after, cas2).accepted()).isTrue();
                assertThat(probe(before, cas2).accepted()).as("cas2 got only the Latest credential").isFalse();

                // a second roll pushes the first password out: its tickets now fail where the new one is Latest
                remote.run(cas1.endpoint(), new SetAsaCredential(account, new com.asaconsole.directory.PasswordGenerator().generate()),
                        TIMEOUT);
                assertThat(probe(before, cas1).sentence()).contains("Checksum failed");
                assertThat(probe(after, cas1).accepted()).as("Previous still holds the AD password").isTrue();

                LogonStats stats = remote.run(cas1.endpoint(), new KerberosLogonStats(Duration.ofMinutes(10)), TIMEOUT);
                assertThat(stats.kerberos()).isGreaterThanOrEqualTo(3);

                // rollback
                AsaStatus removed = remote.run(cas1.endpoint(), new RemoveAsaCredentials(), TIMEOUT);
                assertThat(removed.latest()).isNull();
                assertThat(probe(after, cas1).accepted()).isFalse();
            }
        }
    }

    @Test
    void negotiateIsAppendedOn2013AndLaterAndOabIsConverted2010OnlyWithAWarningOnServer2012() {
        NegotiateSettings settings = remote.run(cas2.endpoint(), new EnableNegotiate(), TIMEOUT);
        assertThat(settings.outlookAnywhereInternal()).isEqualTo("Negotiate");
        assertThat(settings.mapiMethods()).containsExactly("Ntlm", "OAuth", "Negotiate");
        assertThat(remote.run(cas2.endpoint(), new EnableNegotiate(), TIMEOUT).mapiMethods()).containsExactly("Ntlm", "OAuth", "Negotiate");
        assertThat(cas2.mapiAuthenticationMethods()).contains("OAuth", "Negotiate");
        assertThatThrownBy(() -> remote.run(cas3.endpoint(), new EnableNegotiate(), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("enable-negotiate does not apply to Exchange 2010");

        cas3.operatingSystem("Microsoft Windows Server 2012 Standard", "6.2.9200");
        OabConversion refused = remote.run(cas3.endpoint(),
                new ConvertOabVirtualDirectory(ConvertOabVirtualDirectory.DEFAULT_SCRIPT_PATH, false), TIMEOUT);
        assertThat(refused.converted()).isFalse();
        assertThat(refused.warning()).contains("Windows Server 2012").contains("KB 2961921");
        assertThat(cas3.oabConverted()).isFalse();
        cas3.operatingSystem("Microsoft Windows Server 2008 R2 Enterprise", "6.1.7601");
        OabConversion converted = remote.run(cas3.endpoint(),
                new ConvertOabVirtualDirectory(ConvertOabVirtualDirectory.DEFAULT_SCRIPT_PATH, false), TIMEOUT);
        assertThat(converted.converted()).isTrue();
        assertThat(converted.warning()).isNull();
        assertThat(cas3.oabConverted()).isTrue();
    }

    @Test
    void eightMembersAnswerInParallel() throws InterruptedException {
        // each member once before the clock starts: the first call to a host also gets its service ticket from the KDC,
        // which is not what this measures (and, when this test ran first in the random order, made it slow)
        eight.forEach(m -> remote.run(m.endpoint(), new GetAsaStatus(), TIMEOUT));
        eight.forEach(m -> m.latency(Duration.ofSeconds(1)));
        try {
            List<String> hosts = java.util.Collections.synchronizedList(new ArrayList<>());
            long began = System.nanoTime();
            List<AsaStatus> outcomes = fanOut.each(eight.stream().map(CasMemberSimulator::endpoint).toList(), 8, member -> {
                AsaStatus status = remote.run(member, new GetAsaStatus(), TIMEOUT);
                hosts.add(member.host());
                return status;
            });
            long ms = (System.nanoTime() - began) / 1_000_000;
            assertThat(outcomes).hasSize(8).doesNotContainNull();
            assertThat(hosts).hasSize(8).doesNotHaveDuplicates();
            System.out.printf("[remoting] 8 members, 1 s each, concurrency 8: %d ms%n", ms);
            assertThat(ms).as("8 one-second commands in parallel, not 8 s in a row").isLessThan(3_000);
        } finally {
            eight.forEach(m -> m.latency(Duration.ZERO));
        }
    }

    @Test
    void eachFaultBecomesASentenceAnAdminCanActOn() {
        CasEndpoint target = cas4.endpoint();
        String address = target.address();

        // a pooled connection the member closed while idle (it restarted): Create is sent again on a new one
        cas4.dropNextRequests(1);
        assertThat(remote.run(target, new GetAsaStatus(), TIMEOUT)).isNotNull();
        cas4.dropNextRequests(10);
        assertFails(target, RemoteOperationFailed.Reason.UNREACHABLE, "Cannot reach " + address
                + ": it closed the connection without answering (did the server or its WinRM service just restart?)");
        cas4.dropNextRequests(0);

        cas4.unreachable(true);
        try {
            assertFails(target, RemoteOperationFailed.Reason.UNREACHABLE, "Cannot reach " + address + ": connection refused");
        } finally {
            cas4.unreachable(false);
        }
        assertThat(remote.run(target, new GetAsaStatus(), TIMEOUT)).isNotNull();

        cas4.latency(Duration.ofSeconds(3));
        try {
            RemoteOperationFailed slow = catchFailure(() -> remote.run(target, new GetAsaStatus(), Duration.ofSeconds(1)));
            assertThat(slow.reason()).isEqualTo(RemoteOperationFailed.Reason.TIMEOUT);
            assertThat(slow.getMessage()).startsWith(address + " did not");
        } finally {
            cas4.latency(Duration.ZERO);
        }

        cas4.cmdletError("Active Directory operation failed on dc1.contoso.test. The supplied credential for 'CONTOSO\\EXASA$' isn't valid.");
        try {
            assertFails(target, RemoteOperationFailed.Reason.CMDLET_FAILED,
                    "cas4.contoso.test: get-asa-status failed: Active Directory operation failed on dc1.contoso.test.");
        } finally {
            cas4.cmdletError(null);
        }

        cas4.authenticationFailure(true);
        try {
            assertFails(target, RemoteOperationFailed.Reason.KERBEROS_REFUSED, "cas4.contoso.test refused Kerberos: Access is denied. "
                    + "Check that HTTP/cas4.contoso.test belongs to its computer account");
        } finally {
            cas4.authenticationFailure(false);
        }

        assertFails(new CasEndpoint("nowhere.contoso.test", 5986, ExchangeVersion.EXCHANGE_2016, Duration.ofSeconds(1)),
                RemoteOperationFailed.Reason.KERBEROS_REFUSED, "No Kerberos ticket for HTTP/nowhere.contoso.test: no account in the directory");
    }

    @Test
    void aMemberWhoseCertificateIsNotFromTheTrustedCaIsRefused() {
        try (CasMemberSimulator rogue = lab.startWithUntrustedCertificate("cas4.contoso.test", ExchangeVersion.EXCHANGE_2016)) {
            assertFails(rogue.endpoint(), RemoteOperationFailed.Reason.UNTRUSTED_CERTIFICATE, "Refused to talk to "
                    + rogue.endpoint().address() + ": its certificate is not issued by a CA in the console's WinRM trust store.");
            assertThat(rogue.latestAccount()).isNull();
        }
    }

    @Test
    void theAsaPasswordIsInNoLogLineNoExceptionAndNoToString() throws InterruptedException {
        String password = "Leak-Canary-" + UUID.randomUUID() + "-Zoë";
        String base64 = Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8));
        SetAsaCredential op = new SetAsaCredential("CONTOSO\\CANARY$", password.toCharArray());
        List<String> seen = new ArrayList<>();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(tee);
        System.setErr(tee);
        try {
            seen.add(String.valueOf(remote.run(cas4.endpoint(), op, TIMEOUT)));
            cas4.cmdletError("The operation couldn't be performed.");
            seen.add(catchFailure(() -> remote.run(cas4.endpoint(), op, TIMEOUT)).getMessage());
            cas4.cmdletError(null);
            cas4.authenticationFailure(true);
            seen.add(catchFailure(() -> remote.run(cas4.endpoint(), op, TIMEOUT)).getMessage());
            cas4.authenticationFailure(false);
            cas4.latency(Duration.ofSeconds(3));
            seen.add(catchFailure(() -> remote.run(cas4.endpoint(), op, Duration.ofSeconds(1))).getMessage());
            cas4.latency(Duration.ZERO);
            cas4.unreachable(true);
            seen.add(catchFailure(() -> remote.run(cas4.endpoint(), op, TIMEOUT)).getMessage());
            cas4.unreachable(false);
            for (AsaStatus status : fanOut.each(List.of(cas4.endpoint(), cas4.endpoint()), 16, member -> remote.run(member, op, TIMEOUT))) {
                seen.add(status.toString());
                seen.add(status.describe());
            }
            seen.add(op.toString());
            seen.add(ExchangeScripts.render(op, ExchangeVersion.EXCHANGE_2016, cas4.host()).toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
            cas4.cmdletError(null);
            cas4.authenticationFailure(false);
            cas4.latency(Duration.ZERO);
            cas4.unreachable(false);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        out.print(logs);
        assertThat(logs).as("the log was captured").contains("set-asa-credential done").contains("set-asa-credential failed");
        assertThat(seen).hasSizeGreaterThan(6);
        assertThat(String.join("\n", seen) + logs).doesNotContain(password).doesNotContain(base64)
                .doesNotContain(password.substring(0, 20));
        assertThat(cas4.latestAccount()).isEqualTo("CONTOSO\\CANARY$");
    }

    private static void assertFails(CasEndpoint target, RemoteOperationFailed.Reason reason, String sentenceStart) {
        RemoteOperationFailed failure = catchFailure(() -> remote.run(target, new GetAsaStatus(), TIMEOUT));
        assertThat(failure.getMessage()).startsWith(sentenceStart);
        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.server()).isEqualTo(target.address());
    }

    private static RemoteOperationFailed catchFailure(Runnable call) {
        try {
            call.run();
        } catch (RemoteOperationFailed e) {
            return e;
        }
        throw new AssertionError("expected the call to fail");
    }

    private static KerberosProbe probe() {
        return KerberosProbe.signIn(dc.adminPrincipal(), dc.adminPassword().toCharArray());
    }

    private static KerberosProbe.Result probe(KerberosProbe probe, CasMemberSimulator member) {
        KerberosProbe.Result result = probe.probe(NAMESPACE_SPN, member.namespaceUrl(), lab.clientTls(), Duration.ofSeconds(5));
        System.out.println("[probe] " + result.sentence());
        return result;
    }
}
