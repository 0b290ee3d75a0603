package com.asaconsole.planning;

import java.util.List;

import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

/**
 * The plan as a PowerShell + setspn script an admin can run by hand: checks every SPN first and
 * stops if any exists, deploys the credential (asked for at run time, never written down), then adds
 * the SPNs with setspn -S.
 */
final class PlanScript {

    private PlanScript() {
    }

    static String render(int number, String hash, PlanDocument document) {
        StringBuilder s = new StringBuilder();
        s.append("# ASA Console plan version ").append(number).append('\n');
        s.append("# SHA-256 of the plan: ").append(hash).append('\n');
        s.append("# Run in the Exchange Management Shell as an Exchange and domain admin. Nothing here was run by the console.\n");
        if (document.plan().blocked()) {
            s.append("# WARNING: this plan has BLOCK findings; it must not be run until they are fixed:\n");
            document.plan().blocking().forEach(f -> s.append("#   ").append(f.sentence()).append('\n'));
            s.append("throw 'This plan has BLOCK findings; fix them and export a new version.'\n");
        }
        s.append("$ErrorActionPreference = 'Stop'\n\n");
        s.append("# 1. Check every SPN forest-wide: each must be unregistered (setspn -F -Q prints 'No such SPN found.')\n");
        s.append("$spns = @(\n");
        List<PlannedSpn> spns = document.plan().spns();
        for (int i = 0; i < spns.size(); i++) {
            s.append("    '").append(spns.get(i).spn()).append("'").append(i < spns.size() - 1 ? "," : "").append('\n');
        }
        s.append(")\n");
        s.append("foreach ($spn in $spns) {\n");
        s.append("    $found = setspn -F -Q $spn | Out-String\n");
        s.append("    if ($found -notmatch 'No such SPN found') { throw \"$spn is already registered: $found Remove it (setspn -D) first.\" }\n");
        s.append("}\n\n");
        s.append("# 2. Deploy the credential to every server of each ASA (before any SPN is added)\n");
        for (AsaInfo asa : document.topology().asaAccounts()) {
            List<ServerInfo> servers = document.topology().servers().stream().filter(v -> asa.name().equals(v.asa())).toList();
            if (servers.isEmpty()) {
                continue;
            }
            String var = "$" + asa.samAccountName().replaceAll("[^A-Za-z0-9]", "");
            s.append(var).append(" = Get-Credential -UserName '").append(asa.name()).append("' -Message 'Password of the ASA ")
                    .append(asa.name()).append("'\n");
            for (ServerInfo server : servers) {
                String cmdlet = server.version().usesClientAccessServerCmdlets() ? "Set-ClientAccessServer" : "Set-ClientAccessService";
                s.append(cmdlet).append(" -Identity ").append(server.shortName()).append(" -AlternateServiceAccountCredential ").append(var)
                        .append(" -CleanUpInvalidAlternateServiceAccountCredentials -Confirm:$false\n");
            }
        }
        s.append("\n# 3. Add the SPNs (setspn -S refuses duplicates)\n");
        for (PlannedSpn spn : spns) {
            s.append("setspn -S ").append(spn.spn()).append(" '").append(spn.asa()).append("'   # ").append(spn.reason()).append('\n');
        }
        return s.toString();
    }
}
