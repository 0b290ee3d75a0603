package com.asaconsole.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.asaconsole.remoting.ExchangeOperation.ConvertOabVirtualDirectory;
import com.asaconsole.remoting.ExchangeOperation.CopyAsaCredential;
import com.asaconsole.remoting.ExchangeOperation.EnableNegotiate;
import com.asaconsole.remoting.ExchangeOperation.GetAsaStatus;
import com.asaconsole.remoting.ExchangeOperation.KerberosLogonStats;
import com.asaconsole.remoting.ExchangeOperation.RemoveAsaCredentials;
import com.asaconsole.remoting.ExchangeOperation.SetAsaCredential;

import org.junit.jupiter.api.Test;

/** The scripts the servers run: per-version cmdlets and snap-ins, and no value ever in the text. */
class ExchangeScriptsTest {

    static final String CAS = "cas1.contoso.test";

    /** Names an attacker (or an unlucky admin) could type: quotes, statement separators, subexpressions, backticks, newlines, non-ASCII. */
    static final List<String> HOSTILE = List.of("CONTOSO\\a'; Remove-Item / -Recurse; '", "CONTOSO\\$(Stop-Computer)",
            "CONTOSO\\`$env:PATH`", "CONTOSO\\x\"; exit; \"", "CONTOSO\\Zoë’s‘asa’", "CONTOSO\\a|b&c>d<e#");

    @Test
    void eachVersionUsesItsOwnCmdletsAndSnapIn() {
        String v2010 = ExchangeScripts.render(new GetAsaStatus(), ExchangeVersion.EXCHANGE_2010, CAS).text();
        assertThat(v2010).doesNotContain("{{").contains("try {\n    $AsaArgs = Read-AsaArguments\n    Add-PSSnapin "
                + "Microsoft.Exchange.Management.PowerShell.E2010\n")
                .contains("Add-PSSnapin Microsoft.Exchange.Management.PowerShell.E2010")
                .contains("$CasGet = 'Get-ClientAccessServer'").contains("$CasSet = 'Set-ClientAccessServer'")
                .contains("-IncludeAlternateServiceAccountCredentialStatus")
                .doesNotContain("IncludeAlternateServiceAccountCredentialPassword");
        String v2013 = ExchangeScripts.render(new GetAsaStatus(), ExchangeVersion.EXCHANGE_2013, CAS).text();
        assertThat(v2013).contains("Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn")
                .contains("$CasSet = 'Set-ClientAccessServer'");
        for (ExchangeVersion v : List.of(ExchangeVersion.EXCHANGE_2016, ExchangeVersion.EXCHANGE_2019, ExchangeVersion.EXCHANGE_SE)) {
            assertThat(ExchangeScripts.render(new GetAsaStatus(), v, CAS).text())
                    .contains("Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn")
                    .contains("$CasGet = 'Get-ClientAccessService'").contains("$CasSet = 'Set-ClientAccessService'")
                    .startsWith("# asa-console operation: get-asa-status for Exchange " + v.label());
        }
    }

    @Test
    void setCredentialKeepsThePreviousOneAndRollbackRemovesThem() {
        assertThat(ExchangeScripts.render(set("CONTOSO\\EXASA$", "pw"), ExchangeVersion.EXCHANGE_2016, CAS).text())
                .contains("& $CasSet -Identity $AsaArgs['server'] -AlternateServiceAccountCredential $credential"
                        + " -CleanUpInvalidAlternateServiceAccountCredentials");
        assertThat(ExchangeScripts.render(new RemoveAsaCredentials(), ExchangeVersion.EXCHANGE_2010, CAS).text())
                .contains("-RemoveAlternateServiceAccountCredentials");
    }

    @Test
    void oabConversionIs2010OnlyAndNegotiate2013AndLater() {
        var oab = new ConvertOabVirtualDirectory(ConvertOabVirtualDirectory.DEFAULT_SCRIPT_PATH, false);
        assertThat(ExchangeScripts.render(oab, ExchangeVersion.EXCHANGE_2010, CAS).text()).contains("Win32_OperatingSystem");
        assertThatThrownBy(() -> ExchangeScripts.render(oab, ExchangeVersion.EXCHANGE_2016, CAS))
                .hasMessage("convert-oab-virtual-directory does not apply to Exchange 2016");
        assertThat(ExchangeScripts.render(new EnableNegotiate(), ExchangeVersion.EXCHANGE_2019, CAS).text())
                .contains("Set-OutlookAnywhere -Identity $oa.Identity -InternalClientAuthenticationMethod Negotiate")
                .contains("if ($methods -notcontains 'Negotiate') { $methods += 'Negotiate' }");
        assertThatThrownBy(() -> ExchangeScripts.render(new EnableNegotiate(), ExchangeVersion.EXCHANGE_2010, CAS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostileValuesNeverReachTheScriptTextAndArriveIntactAsData() {
        for (ExchangeVersion version : ExchangeVersion.values()) {
            String plain = ExchangeScripts.render(set("CONTOSO\\EXASA$", "x"), version, CAS).text();
            String plainCopy = ExchangeScripts.render(new CopyAsaCredential("cas1.contoso.test"), version, CAS).text();
            for (String hostile : HOSTILE) {
                SetAsaCredential op = set(hostile, hostile.substring(8) + "-pw");
                RenderedScript script = ExchangeScripts.render(op, version, CAS);
                // the text is byte for byte the same whatever the values: nothing to inject into
                assertThat(script.text()).isEqualTo(plain);
                assertThat(decode(script.commandArguments())).isEqualTo(plain);
                assertThat(script.arguments()).containsEntry("account", hostile)
                        .containsEntry("password", RenderedScript.SECRET_PLACEHOLDER);
                // standard input is base64 lines: no quote, newline or $ of the value survives as such
                String stdin = new String(ExchangeScripts.standardInput(op, CAS), StandardCharsets.US_ASCII);
                assertThat(stdin).matches("(?s)([a-zA-Z]+\\t[A-Za-z0-9+/=]+\\r\\n)+\\r\\n");
                assertThat(ExchangeScripts.readStandardInput(stdin)).isEqualTo(Map.of("server", CAS, "account", hostile,
                        "password", hostile.substring(8) + "-pw"));
            }
            // a line break or a second backslash is no account name: refused with a sentence
            assertThatThrownBy(() -> set("CONTOSO\\new\nline", "x")).hasMessageStartingWith("The ASA account must be written DOMAIN\\name");
            assertThatThrownBy(() -> set("C:\\x\\y", "x")).isInstanceOf(IllegalArgumentException.class);
            // server names are checked as DNS names before anything is rendered
            for (String hostile : List.of("cas1'; Stop-Computer; '", "$(Stop-Computer)", "cas`1", "cas1\nx", "cäs1")) {
                assertThatThrownBy(() -> new CopyAsaCredential(hostile)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("is not a DNS host name");
                assertThatThrownBy(() -> CasEndpoint.of(hostile, version)).isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(ExchangeScripts.render(new CopyAsaCredential("CAS-01"), version, CAS).text()).isEqualTo(plainCopy);
        }
    }

    @Test
    void thePasswordIsNeverInTheScriptThePreviewOrToString() {
        String password = "S3cret-Pässwörd-'$(x)";
        SetAsaCredential op = set("CONTOSO\\EXASA$", password);
        RenderedScript script = ExchangeScripts.render(op, ExchangeVersion.EXCHANGE_2016, CAS);
        assertThat(script.text() + script.arguments() + script + op + decode(script.commandArguments())).doesNotContain(password)
                .doesNotContain(Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)));
        assertThat(ExchangeScripts.readStandardInput(new String(ExchangeScripts.standardInput(op, CAS), StandardCharsets.US_ASCII)))
                .containsEntry("password", password);
    }

    @Test
    void valuesOfOtherOperationsTravelAsData() {
        var oab = new ConvertOabVirtualDirectory("C:\\Scripts\\Convert'$(x).ps1", true);
        assertThat(ExchangeScripts.render(oab, ExchangeVersion.EXCHANGE_2010, CAS).text()).doesNotContain("$(x)");
        assertThat(ExchangeScripts.readStandardInput(new String(ExchangeScripts.standardInput(oab, CAS), StandardCharsets.US_ASCII)))
                .containsEntry("scriptPath", "C:\\Scripts\\Convert'$(x).ps1").containsEntry("evenOnWindowsServer2012", "true");
        assertThat(ExchangeScripts.readStandardInput(new String(ExchangeScripts.standardInput(
                new KerberosLogonStats(Duration.ofHours(1)), CAS), StandardCharsets.US_ASCII))).containsEntry("windowSeconds", "3600");
    }

    @Test
    void structuredResultsAreParsedIntoTypedValues() {
        String stdout = "WARNING: something Exchange says\r\n" + line("latest.account", "CONTOSO\\EXASA$")
                + line("latest.added", "2026-11-25T10:00:00.1234567Z") + line("previous.account", "CONTOSO\\OLD$")
                + line("previous.added", "2026-11-01T08:00:00.0000000+00:00") + line("status", "ok");
        ScriptOutput out = ScriptOutput.parse(stdout);
        AsaStatus status = out.read(new GetAsaStatus());
        assertThat(status.latest().account()).isEqualTo("CONTOSO\\EXASA$");
        assertThat(status.previous().added()).isEqualTo("2026-11-01T08:00:00Z");
        assertThat(status.describe()).startsWith("Latest: 2026-11-25T10:00:00.123456700Z, CONTOSO\\EXASA$; Previous: ");
        assertThat(ScriptOutput.parse(line("error", "The operation couldn't be performed because object 'CAS1' couldn't be found."))
                .error()).contains("couldn't be found");
        LogonStats stats = ScriptOutput.parse(line("logons", "Kerberos=12") + line("logons", "NTLM=3") + line("status", "ok"))
                .read(new KerberosLogonStats(Duration.ofMinutes(10)));
        assertThat(stats.kerberos()).isEqualTo(12);
        assertThat(stats.ntlm()).isEqualTo(3);
        OabConversion oab = ScriptOutput.parse(line("os.caption", "Microsoft Windows Server 2012 Standard")
                + line("os.version", "6.2.9200") + line("converted", "false") + line("status", "ok"))
                .read(new ConvertOabVirtualDirectory("x", false));
        assertThat(oab.converted()).isFalse();
        assertThat(oab.warning()).contains("KB 2961921");
    }

    static String line(String key, String value) {
        return ScriptOutput.PREFIX + key + "|" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    private static SetAsaCredential set(String account, String password) {
        return new SetAsaCredential(account, password.toCharArray());
    }

    private static String decode(String commandArguments) {
        String b64 = commandArguments.substring(commandArguments.lastIndexOf(' ') + 1);
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_16LE);
    }
}
