package com.asaconsole.lab.cas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import com.asaconsole.lab.LabTest;
import com.asaconsole.remoting.ExchangeOperation;
import com.asaconsole.remoting.ExchangeScripts;
import com.asaconsole.remoting.ExchangeVersion;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CAS member SIMULATOR as an oracle, not a mirror: it refuses a script with a syntax error or a
 * cmdlet or parameter its Exchange version lacks, acts on what a script calls (so a template written
 * differently with the same meaning still works), and a script that drops a cmdlet does not get its effect.
 */
@LabTest
class SimulatedScriptsTest {

    private CasMemberSimulator member;

    private CasMemberSimulator member(ExchangeVersion version) {
        member = new CasMemberSimulator("cas1.contoso.test", 0, version, Path.of("no-keytab"), List.of(), "CONTOSO.TEST", "contoso.test",
                LabCertificates.get().memberTls(), name -> null);
        return member;
    }

    @AfterEach
    void stop() {
        if (member != null) {
            member.close();
        }
    }

    static String stdin(String... pairs) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            s.append(pairs[i]).append('\t').append(Base64.getEncoder().encodeToString(pairs[i + 1].getBytes(StandardCharsets.UTF_8)))
                    .append("\r\n");
        }
        return s.append("\r\n").toString();
    }

    static final String SET = stdin("server", "cas1.contoso.test", "account", "CONTOSO\\EXASA$", "password", "Pw-1234567890!");

    @Test
    void theConsolesOwnScriptDeploysTheCredential() {
        CasMemberSimulator cas = member(ExchangeVersion.EXCHANGE_2016);
        String script = ExchangeScripts.text(new ExchangeOperation.SetAsaCredential("CONTOSO\\EXASA$", "x".toCharArray()), ExchangeVersion.EXCHANGE_2016);
        SimulatedScripts.Run run = SimulatedScripts.run(cas, script, SET);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(cas.latestAccount()).isEqualTo("CONTOSO\\EXASA$");
        assertThat(run.stdout()).contains("ASACONSOLE|latest.account|").contains("ASACONSOLE|status|");
    }

    @Test
    void aScriptWrittenDifferentlyWithTheSameMeaningStillWorks() {
        CasMemberSimulator cas = member(ExchangeVersion.EXCHANGE_2016);
        String script = ExchangeScripts.text(new ExchangeOperation.SetAsaCredential("CONTOSO\\EXASA$", "x".toCharArray()), ExchangeVersion.EXCHANGE_2016)
                .replace("& $CasSet -Identity $AsaArgs['server'] -AlternateServiceAccountCredential $credential",
                        "Set-ClientAccessService -AlternateServiceAccountCredential $credential -Identity $AsaArgs['server']")
                .replace("# The password came on standard input", "# (reworded) The password arrived on standard input");
        SimulatedScripts.Run run = SimulatedScripts.run(cas, script, SET);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(cas.latestAccount()).isEqualTo("CONTOSO\\EXASA$");
    }

    @Test
    void discoveryPrintsWhatTheCmdletsTheScriptCallsReadAndNothingForACmdletDropped() {
        CasMemberSimulator cas = member(ExchangeVersion.EXCHANGE_2016);
        cas.estate(SimulatedEstate.lab());
        String script = ExchangeScripts.text(new ExchangeOperation.ReadOrganization(), ExchangeVersion.EXCHANGE_2016);
        SimulatedScripts.Run run = SimulatedScripts.run(cas, script, stdin("server", "cas1.contoso.test"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("ASACONSOLE|server.fqdn|", "ASACONSOLE|dag.name|", "ASACONSOLE|vdir.kind|", "ASACONSOLE|status|");
        String withoutDags = script.replaceAll("(?m)^.*Get-DatabaseAvailabilityGroup.*\\n(.*\\n){3}", "");
        assertThat(withoutDags).doesNotContain("Get-DatabaseAvailabilityGroup");
        SimulatedScripts.Run dropped = SimulatedScripts.run(cas, withoutDags, stdin("server", "cas1.contoso.test"));
        assertThat(dropped.exitCode()).as(dropped.stderr()).isZero();
        assertThat(dropped.stdout()).contains("ASACONSOLE|server.fqdn|").doesNotContain("ASACONSOLE|dag.");
    }

    @Test
    void exchange2010RefusesTheMapiDirectoryRead() {
        CasMemberSimulator cas = member(ExchangeVersion.EXCHANGE_2010);
        String script = ExchangeScripts.text(new ExchangeOperation.ReadMapiVirtualDirectories(), ExchangeVersion.EXCHANGE_2016)
                .replace("Microsoft.Exchange.Management.PowerShell.SnapIn", "Microsoft.Exchange.Management.PowerShell.E2010")
                .replace("Get-ClientAccessService", "Get-ClientAccessServer").replace("Set-ClientAccessService", "Set-ClientAccessServer");
        SimulatedScripts.Run run = SimulatedScripts.run(cas, script, stdin("server", "cas1.contoso.test"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("Exchange 2010 has no Get-MapiVirtualDirectory");
    }

    @Test
    void aSyntaxErrorIsRefused() {
        CasMemberSimulator cas = member(ExchangeVersion.EXCHANGE_2016);
        String script = ExchangeScripts.text(new ExchangeOperation.GetAsaStatus(), ExchangeVersion.EXCHANGE_2016).replace("try {", "try {{");
        SimulatedScripts.Run run = SimulatedScripts.run(cas, script, SET);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("refuses the script: syntax error at line");
    }

    @Test
    void aCmdletOrParameterTheVersionLacksIsRefusedAndNothingHappens() {
        CasMemberSimulator cas2013 = member(ExchangeVersion.EXCHANGE_2013);
        String for2016 = ExchangeScripts.text(new ExchangeOperation.SetAsaCredential("CONTOSO\\EXASA$", "x".toCharArray()), ExchangeVersion.EXCHANGE_2016);
        SimulatedScripts.Run run = SimulatedScripts.run(cas2013, for2016, SET);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("Exchange 2013 has no Set-ClientAccessService").contains("Get-ClientAccessService");
        assertThat(cas2013.latestAccount()).isNull();
        cas2013.close();

        CasMemberSimulator cas2010 = member(ExchangeVersion.EXCHANGE_2010);
        String negotiate = ExchangeScripts.text(new ExchangeOperation.EnableNegotiate(), ExchangeVersion.EXCHANGE_2013)
                .replace("PowerShell.SnapIn", "PowerShell.E2010");
        run = SimulatedScripts.run(cas2010, negotiate, stdin("server", "cas1.contoso.test"));
        assertThat(run.stderr()).contains("Exchange 2010 has no Get-MapiVirtualDirectory")
                .contains("-InternalClientAuthenticationMethod does not exist on Exchange 2010");
        assertThat(cas2010.outlookAnywhereInternalAuthentication()).isEqualTo("Ntlm");

        String ps3 = ExchangeScripts.text(new ExchangeOperation.GetAsaStatus(), ExchangeVersion.EXCHANGE_2010)
                .replace("$AsaArgs = Read-AsaArguments", "$AsaArgs = Read-AsaArguments\n    $c = Get-Credential -UserName 'x' -Message 'y'");
        run = SimulatedScripts.run(cas2010, ps3, stdin("server", "cas1.contoso.test"));
        assertThat(run.stderr()).contains("-UserName needs Windows PowerShell 3.0");
    }

    @Test
    void aScriptThatDropsACmdletDoesNotGetItsEffect() {
        CasMemberSimulator cas = member(ExchangeVersion.EXCHANGE_2016);
        String script = ExchangeScripts.text(new ExchangeOperation.EnableNegotiate(), ExchangeVersion.EXCHANGE_2016);
        // a template that sets the MAPI methods as a fixed list drops OAuth: the simulator does exactly what it says
        String fixed = script.replace("-IISAuthenticationMethods $methods", "-IISAuthenticationMethods 'Ntlm','Negotiate'");
        SimulatedScripts.Run run = SimulatedScripts.run(cas, fixed, stdin("server", "cas1.contoso.test"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(cas.mapiAuthenticationMethods()).containsExactly("Ntlm", "Negotiate");
        // one that forgets Set-OutlookAnywhere leaves Outlook Anywhere on NTLM
        String forgot = script.replaceAll("(?m)^\\s*Set-OutlookAnywhere .*$", "");
        SimulatedScripts.Run second = SimulatedScripts.run(member(ExchangeVersion.EXCHANGE_2016), forgot, stdin("server", "cas1.contoso.test"));
        assertThat(second.exitCode()).isZero();
        assertThat(member.outlookAnywhereInternalAuthentication()).isEqualTo("Ntlm");
        cas.close();
    }

    @Test
    void aScriptForAnotherServerIsRefused() {
        CasMemberSimulator cas = member(ExchangeVersion.EXCHANGE_2016);
        String script = ExchangeScripts.text(new ExchangeOperation.RemoveAsaCredentials(), ExchangeVersion.EXCHANGE_2016);
        SimulatedScripts.Run run = SimulatedScripts.run(cas, script, stdin("server", "cas9.contoso.test"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).contains("ASACONSOLE|error|");
        assertThat(new String(Base64.getDecoder().decode(run.stdout().split("ASACONSOLE\\|error\\|")[1].trim()), StandardCharsets.UTF_8))
                .contains("cas9.contoso.test").contains("couldn't be found");
    }
}
