package com.asaconsole.remoting;

import static com.asaconsole.remoting.ExchangeScriptsTest.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.asaconsole.remoting.ExchangeOperation.ReadMapiVirtualDirectories;
import com.asaconsole.remoting.ExchangeOperation.ReadOrganization;

import org.junit.jupiter.api.Test;

/**
 * The discovery scripts: read-only (no cmdlet but Get-), PowerShell 2.0 for Exchange 2010, the virtual
 * directories from Active Directory only, MAPI/HTTP only where the cmdlet exists, and their structured
 * lines read back into the organization.
 */
class ExchangeDiscoveryScriptsTest {

    private static final Pattern CMDLET = Pattern.compile("\\b([A-Z][a-z]+)-([A-Z][A-Za-z]+)\\b");
    /** The envelope's and the script's own functions, and the snap-in loader: everything else must be a Get- cmdlet. */
    private static final Set<String> NOT_EXCHANGE = Set.of("Read-AsaArguments", "Send-AsaResult", "Send-AsaStatus", "Get-AsaLeafName",
            "Send-AsaVirtualDirectory", "Add-PSSnapin", "ForEach-Object", "New-Object");

    @Test
    void theScriptsReadAndNeverWrite() {
        for (ExchangeVersion version : ExchangeVersion.values()) {
            for (ExchangeOperation<?> op : List.of(new ReadOrganization(), new ReadMapiVirtualDirectories())) {
                if (!op.appliesTo(version)) {
                    continue;
                }
                String body = body(ExchangeScripts.text(op, version));
                Set<String> verbs = new LinkedHashSet<>();
                Matcher m = CMDLET.matcher(body);
                while (m.find()) {
                    if (!NOT_EXCHANGE.contains(m.group())) {
                        verbs.add(m.group(1));
                    }
                }
                assertThat(verbs).as(op.name() + " on " + version.label()).containsOnly("Get");
                assertThat(body).doesNotContain("& $CasSet").doesNotContain("IncludeAlternateServiceAccountCredentialPassword");
            }
        }
    }

    @Test
    void everyVirtualDirectoryIsReadFromActiveDirectoryOnly() {
        String text = ExchangeScripts.text(new ReadOrganization(), ExchangeVersion.EXCHANGE_2010);
        for (String cmdlet : List.of("Get-OwaVirtualDirectory", "Get-EcpVirtualDirectory", "Get-WebServicesVirtualDirectory",
                "Get-OabVirtualDirectory", "Get-OutlookAnywhere")) {
            assertThat(text).contains(cmdlet + " -ADPropertiesOnly");
        }
        assertThat(ExchangeScripts.text(new ReadMapiVirtualDirectories(), ExchangeVersion.EXCHANGE_2016))
                .contains("Get-MapiVirtualDirectory -ADPropertiesOnly");
    }

    @Test
    void exchange2010GetsPowerShell2AndNoMapiCmdlet() {
        String text = body(ExchangeScripts.text(new ReadOrganization(), ExchangeVersion.EXCHANGE_2010));
        assertThat(ExchangeScripts.text(new ReadOrganization(), ExchangeVersion.EXCHANGE_2010)).contains("$CasGet = 'Get-ClientAccessServer'");
        assertThat(text).contains("Add-PSSnapin Microsoft.Exchange.Management.PowerShell.E2010")
                .doesNotContain("Get-MapiVirtualDirectory");
        // PowerShell 3.0 and later only: none of it may appear (the Exchange 2010 shell is PowerShell 2.0)
        for (String v3 : List.of("ConvertTo-Json", "[ordered]", " -in ", " -notin ", "$PSItem", ".ForEach(", ".Where(", "[pscustomobject]")) {
            assertThat(text).as(v3).doesNotContainIgnoringCase(v3);
        }
        assertThatThrownBy(() -> ExchangeScripts.text(new ReadMapiVirtualDirectories(), ExchangeVersion.EXCHANGE_2010))
                .hasMessage("read-mapi-virtual-directories does not apply to Exchange 2010");
        assertThat(ExchangeScripts.text(new ReadOrganization(), ExchangeVersion.EXCHANGE_2019))
                .contains("$CasGet = 'Get-ClientAccessService'").contains("foreach ($c in @(& $CasGet))");
    }

    @Test
    void theLinesReadBackIntoTheOrganization() {
        String stdout = server("CAS1", "cas1.contoso.test", "Legacy", "Version 14.3 (Build 123.4)", "Mailbox, ClientAccess, HubTransport")
                + server("EX16", "ex16.contoso.test", "Primary", "Version 15.1 (Build 2507.6)", "Mailbox")
                + line("cas.name", "CAS1") + line("cas.autodiscover", "https://legacy.contoso.test/Autodiscover/Autodiscover.xml")
                + line("array.fqdn", "outlook.contoso.test") + line("array.site", "Legacy") + line("array.members", "CAS1,CAS2")
                + line("dag.name", "DAG1") + line("dag.members", "")
                + vdir("OWA", "CAS1", "https://owa.contoso.test/owa", "")
                + vdir("OUTLOOK_ANYWHERE", "EX16", "mail.contoso.test", "mail.contoso.com") + line("status", "ok");
        ExchangeOrganization org = ScriptOutput.parse(stdout).read(new ReadOrganization());
        assertThat(org.servers()).extracting(ExchangeOrganization.Server::fqdn).containsExactly("cas1.contoso.test", "ex16.contoso.test");
        assertThat(org.servers().get(1).site()).isEqualTo("Primary");
        assertThat(org.clientAccess()).containsExactly(new ExchangeOrganization.ClientAccess("CAS1",
                "https://legacy.contoso.test/Autodiscover/Autodiscover.xml"));
        assertThat(org.arrays()).containsExactly(new ExchangeOrganization.RpcArray("outlook.contoso.test", "Legacy", List.of("CAS1", "CAS2")));
        assertThat(org.dags()).containsExactly(new ExchangeOrganization.Dag("DAG1", List.of()));
        assertThat(org.virtualDirectories()).containsExactly(
                new ExchangeOrganization.VirtualDirectory("OWA", "CAS1", "https://owa.contoso.test/owa", ""),
                new ExchangeOrganization.VirtualDirectory("OUTLOOK_ANYWHERE", "EX16", "mail.contoso.test", "mail.contoso.com"));
        // a record with a field missing is no answer
        assertThatThrownBy(() -> ScriptOutput.parse(line("server.name", "X") + line("status", "ok")).read(new ReadOrganization()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("server records with missing fields");
    }

    @Test
    void versionsAndRolesComeFromWhatTheServerReports() {
        assertThat(new ExchangeOrganization.Server("A", "a", "S", "Version 14.3 (Build 123.4)", "ClientAccess").version())
                .contains(ExchangeVersion.EXCHANGE_2010);
        assertThat(new ExchangeOrganization.Server("A", "a", "S", "Version 15.0 (Build 1497.2)", "Mailbox, ClientAccess").version())
                .contains(ExchangeVersion.EXCHANGE_2013);
        assertThat(new ExchangeOrganization.Server("A", "a", "S", "Version 15.1 (Build 2507.6)", "Mailbox").version())
                .contains(ExchangeVersion.EXCHANGE_2016);
        assertThat(new ExchangeOrganization.Server("A", "a", "S", "Version 15.2 (Build 1544.4)", "Mailbox").version())
                .contains(ExchangeVersion.EXCHANGE_2019);
        assertThat(new ExchangeOrganization.Server("A", "a", "S", "Version 15.2 (Build 2562.17)", "Mailbox").version())
                .contains(ExchangeVersion.EXCHANGE_SE);
        assertThat(new ExchangeOrganization.Server("A", "a", "S", "Version 8.3 (Build 83.6)", "Mailbox").version()).isEmpty();
        assertThat(new ExchangeOrganization.Server("A", "a", "S", "Version 14.0 (Build 639.21)", "ClientAccess").before2010Sp1()).isTrue();
        // Client Access: the role on 2010 and 2013, every Mailbox server from 2016 on, never an Edge server
        assertThat(new ExchangeOrganization.Server("A", "a", "S", "Version 14.3 (Build 123.4)", "Mailbox").clientAccess()).isFalse();
        assertThat(new ExchangeOrganization.Server("A", "a", "S", "Version 14.3 (Build 123.4)", "ClientAccess, HubTransport").clientAccess())
                .isTrue();
        assertThat(new ExchangeOrganization.Server("A", "a", "S", "Version 15.1 (Build 2507.6)", "Mailbox").clientAccess()).isTrue();
        assertThat(new ExchangeOrganization.Server("A", "a", "S", "Version 15.1 (Build 2507.6)", "Edge").clientAccess()).isFalse();
    }

    private static String server(String name, String fqdn, String site, String version, String roles) {
        return line("server.name", name) + line("server.fqdn", fqdn) + line("server.site", site) + line("server.version", version)
                + line("server.roles", roles);
    }

    private static String vdir(String kind, String server, String internal, String external) {
        return line("vdir.kind", kind) + line("vdir.server", server) + line("vdir.internal", internal) + line("vdir.external", external);
    }

    /** The script without the envelope's comment header and the version's cmdlet names (assigned, not run). */
    private static String body(String text) {
        return text.substring(text.indexOf("try {")).replaceAll("(?m)^\\s*\\$Cas(Get|Set) = '[A-Za-z-]+'$", "");
    }
}
