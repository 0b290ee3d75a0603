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
import com.asaconsole.directory.DirectoryGateway;
import com.asaconsole.directory.ForestDirectory;
import com.asaconsole.kerberos.KerberosProbe;
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
class CasMembersLabTest {

    private static final String NAMESPACE_SPN = "http/mail.contoso.test";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String ASA = "EXASA" + UUID.randomUUID().toString().substring(0, 4).toUpperCase();

    private static SambaDc dc;
    private static SimulatedCasMembers lab;
    private static CasMemberSimulator cas1;
    private static CasMemberSimulator cas2;
    private static CasMemberSimulator cas3;
    private static ExchangeRemote remote;
    private static ForestDirectory directory;
    private static AccountState asa;

    @BeforeAll
    static void start(SambaDc sambaDc) {
        dc = sambaDc;
        lab = new SimulatedCasMembers(dc, List.of(NAMESPACE_SPN));
        cas1 = lab.start("cas1.contoso.test", ExchangeVersion.EXCHANGE_2016);
        cas2 = lab.start("cas2.contoso.test", ExchangeVersion.EXCHANGE_2016);
        cas3 = lab.start("cas3.contoso.test", ExchangeVersion.EXCHANGE_2010);
        remote = new ExchangeRemote(WinRmLogin.password(dc.adminPrincipal(), dc.adminPassword().toCharArray()), lab.trustStore());
        directory = new DirectoryGateway().open(dc.directoryConnection());
    }

    @AfterAll
    static void stop() {
        if (asa != null) {
            directory.deleteAccount(asa.dn()); // frees http/mail.contoso.test for later test classes
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void kerberosAuthenticatedCallsReachEveryMemberWithItsOwnVersionsScript() {
        for (CasMemberSimulator member : List.of(cas1, cas2, cas3)) {
            AsaStatus status = remote.run(member.endpoint(), new GetAsaStatus(), TIMEOUT);
            assertThat(status.latest()).isNull();
            assertThat(status.describe()).isEqualTo("Latest: <Not set>; Previous: <Not set>");
        }
        // a script rendered for another version is not what that member runs
        CasEndpoint wrongVersion = new CasEndpoint(cas3.host(), cas3.port(), ExchangeVersion.EXCHANGE_2016, Duration.ofSeconds(2));
        assertThatThrownBy(() -> remote.run(wrongVersion, new GetAsaStatus(), TIMEOUT))
                .isInstanceOf(RemoteOperationFailed.class)
                .hasMessageStartingWith("cas3.contoso.test ran get-asa-status but printed no result (exit code 1)")
                .hasMessageContaining("runs Exchange 2010");
    }
}
