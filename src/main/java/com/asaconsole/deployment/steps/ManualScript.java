package com.asaconsole.deployment.steps;

import static com.asaconsole.remoting.PowerShellLiteral.comment;
import static com.asaconsole.remoting.PowerShellLiteral.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.asaconsole.deployment.WizardSteps;
import com.asaconsole.directory.LdapWrite;
import com.asaconsole.planning.PlanDocument;
import com.asaconsole.planning.PlannedMove;
import com.asaconsole.planning.PlannedSpn;
import com.asaconsole.remoting.ExchangeOperation;
import com.asaconsole.remoting.ExchangeScripts;
import com.asaconsole.remoting.ExchangeVersion;
import com.asaconsole.topology.AsaKind;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

/**
 * The plan as a script an admin runs by hand in the Exchange Management Shell, one per Exchange
 * generation (2010, or 2013 and later: their cmdlets never share a script). It does what the
 * executor does, in the same numbered steps: the member parts are the very operation bodies the
 * console sends over WinRM (values as quoted literals instead of standard input), the directory
 * parts are ADSI and setspn with every result checked. Re-runnable: each step checks what is done
 * first. Windows PowerShell 2.0 compatible for Exchange 2010.
 */
public final class ManualScript {

    public enum Generation {
        EXCHANGE_2010("2010", "Exchange 2010"), EXCHANGE_2013_AND_LATER("2013", "Exchange 2013 and later");

        public final String slug;
        public final String label;

        Generation(String slug, String label) {
            this.slug = slug;
            this.label = label;
        }

        boolean has(ServerInfo server) {
            return server.version().isLegacy() == (this == EXCHANGE_2010);
        }

        public static Optional<Generation> of(String slug) {
            for (Generation g : values()) {
                if (g.slug.equals(slug)) {
                    return Optional.of(g);
                }
            }
            return Optional.empty();
        }
    }

    private final ChangeScope scope;
    private final Generation generation;
    private final List<AsaInfo> accounts;
    private final List<ServerInfo> servers;
    private final ExchangeVersion shell;
    private final StringBuilder s = new StringBuilder();

    private ManualScript(PlanDocument document, Generation generation) {
        this.scope = ChangeScope.of(document);
        this.generation = generation;
        this.servers = scope.members().stream().filter(generation::has).toList();
        this.accounts = scope.accounts().stream().filter(a -> scope.servers(a).stream().allMatch(generation::has)).toList();
        this.shell = servers.isEmpty() ? null
                : ExchangeVersion.common(servers.stream().map(v -> ExchangeVersion.valueOf(v.version().name())).toList());
    }

    /** The generations this plan has servers of (one script each). */
    public static List<Generation> generations(PlanDocument document) {
        ChangeScope scope = ChangeScope.of(document);
        return java.util.Arrays.stream(Generation.values()).filter(g -> scope.members().stream().anyMatch(g::has)).toList();
    }

    public static String render(int version, String hash, PlanDocument document, Generation generation) {
        return new ManualScript(document, generation).render(version, hash, document);
    }

    private String render(int version, String hash, PlanDocument document) {
        line("# ASA Console plan version " + version + ": manual script for the " + generation.label + " servers");
        line("# SHA-256 of the plan: " + hash);
        line("# Run it in the Exchange Management Shell " + (shell == null ? "" : "of Exchange " + shell.label() + " (Windows PowerShell "
                + shell.powerShell() + " or later) ") + "as an Exchange admin who may also create the ASA and change SPNs in AD.");
        line("# Nothing here was run by the console. It does what a change of every step does, in the same numbered steps as the");
        line("# dashboard, the wizard and the change document. It is re-runnable: each step checks what is done and skips it.");
        line("# Steps 4 (Exchange 2010) and 6 (Exchange 2013+) apply to one generation only; step 3 (add a member) is step 2 again.");
        if (document.plan().blocked()) {
            line("# WARNING: this plan has BLOCK findings; it must not be run until they are fixed:");
            document.plan().blocking().forEach(f -> line("#   " + comment(f.sentence())));
            line("throw 'This plan has BLOCK findings; fix them and export a new version.'");
        }
        if (servers.isEmpty()) {
            line("throw " + quote("No " + generation.label + " server holds an ASA in plan version " + version + "."));
            return s.toString();
        }
        line("$ErrorActionPreference = 'Stop'");
        line("");
        line("function Send-AsaResult {");
        line("    param([string] $Key, [string] $Value)");
        line("    Write-Host ('    ' + $Key + ': ' + $Value)");
        line("}");
        s.append(ExchangeScripts.functions());
        line("");
        line("# Whether a server's Latest ASA credential is the account (Get-ClientAccessServer/Service -IncludeAlternateServiceAccountCredentialStatus).");
        line("function Test-AsaLatest {");
        line("    param([string] $Server, [string] $Account)");
        line("    $cas = & $CasGet -Identity $Server -IncludeAlternateServiceAccountCredentialStatus");
        line("    $latest = @($cas.AlternateServiceAccountConfiguration.EffectiveCredentials)[0]");
        line("    return ($latest -ne $null -and ([string]$latest.Domain + '\\' + [string]$latest.UserName) -eq $Account)");
        line("}");
        line("");
        line("if (-not (Get-PSSnapin -Name " + quote(shell.snapIn()) + " -ErrorAction SilentlyContinue)) { Add-PSSnapin "
                + quote(shell.snapIn()) + " }");
        line("$CasGet = " + quote(shell.casGet()));
        line("$CasSet = " + quote(shell.casSet()));
        line("");
        credentials();
        createAccounts();
        deployCredential();
        if (generation == Generation.EXCHANGE_2010) {
            convertOab();
        }
        assignSpns(document);
        if (generation == Generation.EXCHANGE_2013_AND_LATER) {
            enableNegotiate();
        }
        verify(document);
        line("Write-Host 'Done: every step of this script is in place.'");
        return s.toString();
    }

    private String var(AsaInfo asa) {
        return "$AsaCredential" + (accounts.indexOf(asa) + 1);
    }

    private void credentials() {
        line("# The ASA passwords: asked for, never written down (Windows PowerShell 2.0: Get-Credential takes the user name only).");
        line("# A new account gets the password you enter; for an existing one, enter its current password (it is checked).");
        for (AsaInfo asa : accounts) {
            line(var(asa) + " = Get-Credential " + quote(asa.name()));
        }
        line("");
    }

    private void createAccounts() {
        heading("create-account");
        for (AsaInfo asa : accounts) {
            LdapWrite create = LdapWrite.createAccount(asa.ou(), asa.samAccountName(), asa.kind() == AsaKind.COMPUTER,
                    CreateAsaAccount.encryptionTypes(asa), asa.passwordNeverExpires());
            String dn = create.dn();
            String cn = dn.substring(3, dn.indexOf(',')).replace("\\,", ",");
            String uac = create.items().get(2).values().get(0);
            String password = var(asa) + ".GetNetworkCredential().Password";
            line("$dn = " + quote(dn));
            line("if (-not [adsi]::Exists('LDAP://' + $dn)) {");
            line("    Write-Host ('Creating ' + $dn)");
            line("    $ou = [adsi]('LDAP://' + " + quote(asa.ou()) + ")");
            line("    $account = $ou.Create(" + quote(asa.kind() == AsaKind.COMPUTER ? "computer" : "user") + ", " + quote("CN=" + cn) + ")");
            line("    $account.Put('sAMAccountName', " + quote(create.items().get(1).values().get(0)) + ")");
            line("    $account.Put('userAccountControl', " + (asa.kind() == AsaKind.COMPUTER ? uac : "546") + ")");
            line("    $account.SetInfo()");
            line("    $account.Invoke('SetPassword', " + password + ")");
            if (asa.kind() != AsaKind.COMPUTER) {
                line("    $account.Put('userAccountControl', " + uac + ")");
            }
            line("    $account.SetInfo()");
            line("}");
            line("$account = [adsi]('LDAP://' + $dn)");
            line("$check = New-Object System.DirectoryServices.DirectoryEntry(('LDAP://' + $dn), " + var(asa) + ".UserName, " + password + ")");
            line("if ($check.Properties['distinguishedName'].Count -ne 1) { throw ('The password entered for ' + " + quote(asa.name())
                    + " + ' is not its password in AD.') }");
            line("if ([string]$account.Properties['msDS-SupportedEncryptionTypes'].Value -ne " + quote(uacless(create)) + ") {");
            line("    $account.Put('msDS-SupportedEncryptionTypes', " + uacless(create) + ")");
            line("    $account.SetInfo()");
            line("    Write-Host ('Set msDS-SupportedEncryptionTypes to " + uacless(create) + " on ' + $dn)");
            line("}");
        }
        line("");
    }

    private static String uacless(LdapWrite create) {
        return create.items().get(3).values().get(0);
    }

    private void deployCredential() {
        heading("deploy-credential");
        line("# Every member (DR/standby servers too) before any SPN. A member that already has the ASA as Latest is skipped.");
        for (AsaInfo asa : accounts) {
            for (ServerInfo server : scope.servers(asa)) {
                line("if (Test-AsaLatest -Server " + quote(server.fqdn()) + " -Account " + quote(asa.name()) + ") {");
                line("    Write-Host " + quote(server.fqdn() + " already holds " + asa.name()));
                line("} else {");
                s.append(ExchangeScripts.manualBlock(new ExchangeOperation.SetAsaCredential(asa.name(), DeployCredential.MASKED), version(server),
                        server.fqdn(), "    ", Map.of("password", var(asa) + ".GetNetworkCredential().Password")));
                line("}");
            }
        }
        line("");
    }

    private void convertOab() {
        heading("convert-oab");
        line("# ConvertOABVDir.ps1 is a separate download from Microsoft (it is not in Exchange's Scripts folder): place it at");
        line("# " + comment(ConvertOab.CONVERT.scriptPath()) + " on every Exchange 2010 server. It works on the server it runs on, so run");
        line("# this script on each of them; on Windows Server 2012 it breaks OAB (KB 2961921) and is left out.");
        for (ServerInfo server : servers) {
            line("if ($env:COMPUTERNAME -eq " + quote(server.shortName()) + ") {");
            s.append(ExchangeScripts.manualBlock(ConvertOab.CONVERT, version(server), server.fqdn(), "    ", Map.of()));
            line("} else {");
            line("    Write-Host " + quote("Run this script on " + server.fqdn() + " too, to convert its OAB virtual directory."));
            line("}");
        }
        line("");
    }

    private void assignSpns(PlanDocument document) {
        heading("assign-spns");
        line("# The credential before the SPNs: stop unless every member holds its ASA as Latest.");
        for (AsaInfo asa : accounts) {
            for (ServerInfo server : scope.servers(asa)) {
                line("if (-not (Test-AsaLatest -Server " + quote(server.fqdn()) + " -Account " + quote(asa.name()) + ")) { throw "
                        + quote(server.fqdn() + " does not hold " + asa.name() + ": run step 2 first.") + " }");
            }
        }
        line("# Each SPN: setspn -F -Q (forest-wide) first; on the ASA already: done; on a planned move's source: setspn -D there;");
        line("# anywhere else: stop. Then setspn -S, which refuses duplicates. Every exit code is checked.");
        for (PlannedSpn spn : spns()) {
            AsaInfo asa = scope.asa(spn.asa());
            Optional<PlannedMove> move = document.plan().move(spn.spn());
            line("$spn = " + quote(spn.spn()));
            line("$found = setspn -F -Q $spn | Out-String");
            line("if ($LASTEXITCODE -ne 0 -and $found -notmatch 'No such SPN found') { throw ('setspn -F -Q ' + $spn + ' failed: ' + $found) }");
            line("$holders = @($found -split \"`r?`n\" | Where-Object { $_ -match '^CN=' } | ForEach-Object { $_.Trim() })");
            line("$onAsa = @($holders | Where-Object { $_ -eq " + quote(ChangeScope.plannedDn(asa)) + " }).Count -gt 0");
            line("$others = @($holders | Where-Object { $_ -ne " + quote(ChangeScope.plannedDn(asa))
                    + (move.isPresent() ? " -and $_ -ne " + quote(move.get().fromDn()) : "") + " })");
            line("if ($others.Count -gt 0) { throw ($spn + ' is registered on ' + ($others -join '; ') + ': remove it there deliberately first.') }");
            if (move.isPresent()) {
                line("if (@($holders | Where-Object { $_ -eq " + quote(move.get().fromDn()) + " }).Count -gt 0) {");
                line("    setspn -D $spn " + quote(move.get().fromSam()));
                line("    if ($LASTEXITCODE -ne 0) { throw ('setspn -D ' + $spn + ' ' + " + quote(move.get().fromSam()) + " + ' failed') }");
                line("}");
            }
            line("if ($onAsa) {");
            line("    Write-Host ($spn + ' is on ' + " + quote(asa.name()) + " + ' already')");
            line("} else {");
            line("    setspn -S $spn " + quote(asa.name()));
            line("    if ($LASTEXITCODE -ne 0) { throw ('setspn -S ' + $spn + ' failed') }");
            line("}");
        }
        line("");
    }

    private void enableNegotiate() {
        heading("enable-negotiate");
        line("# Outlook Anywhere's internal clients use Negotiate; the MAPI virtual directory gets Negotiate appended (OAuth and NTLM stay).");
        for (ServerInfo server : servers) {
            s.append(ExchangeScripts.manualBlock(new ExchangeOperation.EnableNegotiate(), version(server), server.fqdn(), "", Map.of()));
        }
        line("");
    }

    private void verify(PlanDocument document) {
        heading("verify");
        for (ServerInfo server : servers) {
            line("Write-Host " + quote(server.fqdn() + " (Latest must be " + server.asa() + "):"));
            s.append(ExchangeScripts.manualBlock(new ExchangeOperation.GetAsaStatus(), version(server), server.fqdn(), "", Map.of()));
        }
        for (PlannedSpn spn : spns()) {
            line("setspn -Q " + quote(spn.spn()));
            line("if ($LASTEXITCODE -ne 0) { throw " + quote("setspn -Q " + spn.spn() + " failed") + " }");
        }
        line("");
    }

    private List<PlannedSpn> spns() {
        List<PlannedSpn> spns = new ArrayList<>();
        for (PlannedSpn spn : scope.spns()) {
            if (accounts.stream().anyMatch(a -> a.name().equals(spn.asa()))) {
                spns.add(spn);
            }
        }
        return spns;
    }

    private ExchangeVersion version(ServerInfo server) {
        // the script runs in one shell: its cmdlets are the ones every server of this generation has
        return shell;
    }

    private void heading(String key) {
        WizardSteps.Definition step = WizardSteps.find(key);
        line("# ---- Step " + step.number() + ": " + step.title());
        line("Write-Host " + quote("Step " + step.number() + ": " + step.title()));
    }

    private void line(String text) {
        s.append(text).append('\n');
    }
}
