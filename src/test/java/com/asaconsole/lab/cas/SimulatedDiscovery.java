package com.asaconsole.lab.cas;

import java.util.Map;

import com.asaconsole.lab.PowerShellOracle;
import com.asaconsole.lab.PowerShellOracle.Command;
import com.asaconsole.remoting.ExchangeOrganization;
import com.asaconsole.remoting.ExchangeVersion;

/**
 * The CAS member SIMULATOR's answers to read-only discovery scripts, from the {@link SimulatedEstate}
 * the member belongs to. Like the rest of the simulator it reads what the script calls (parsed by the
 * independent parser), not which template it came from: {@code Get-ExchangeServer} prints the
 * servers, the version's client access cmdlet without {@code -Identity} the client access settings,
 * {@code Get-ClientAccessArray} the RPC arrays, {@code Get-DatabaseAvailabilityGroup} the DAGs, and
 * each {@code Get-…VirtualDirectory -ADPropertiesOnly} (or {@code Get-OutlookAnywhere}) its kind of
 * virtual directory, as the structured lines the real scripts print (every field, empty when unset).
 * A script that drops a cmdlet gets no records of that kind.
 */
final class SimulatedDiscovery {

    /** The cmdlet that lists each kind of virtual directory (read from Active Directory). */
    private static final Map<String, String> DIRECTORY_CMDLETS = Map.of("Get-OwaVirtualDirectory", "OWA",
            "Get-EcpVirtualDirectory", "ECP", "Get-WebServicesVirtualDirectory", "EWS", "Get-OabVirtualDirectory", "OAB",
            "Get-OutlookAnywhere", "OUTLOOK_ANYWHERE", "Get-MapiVirtualDirectory", "MAPI_HTTP");

    private SimulatedDiscovery() {
    }

    /** Result keys whose lines this class prints (the script's Send-AsaResult calls for them are not answered one by one). */
    static boolean prints(String key) {
        return key.startsWith("server.") || key.startsWith("cas.") || key.startsWith("array.") || key.startsWith("dag.")
                || key.startsWith("vdir.");
    }

    static void answer(SimulatedEstate estate, ExchangeVersion version, PowerShellOracle.Parsed parsed, SimulatedScripts.Out out) {
        ExchangeOrganization org = null;
        for (Command c : parsed.commands()) {
            if (c.inSubexpression() || !reads(c, version)) {
                continue;
            }
            if (org == null) {
                org = estate == null ? new SimulatedEstate().organization() : estate.organization();
            }
            if (c.is("Get-ExchangeServer")) {
                for (ExchangeOrganization.Server s : org.servers()) {
                    out.put("server.name", s.name());
                    out.put("server.fqdn", s.fqdn());
                    out.put("server.site", s.site());
                    out.put("server.version", s.adminDisplayVersion());
                    out.put("server.roles", s.roles());
                }
            } else if (c.is(version.casGet())) {
                for (ExchangeOrganization.ClientAccess a : org.clientAccess()) {
                    out.put("cas.name", a.name());
                    out.put("cas.autodiscover", a.autodiscoverInternalUri());
                }
            } else if (c.is("Get-ClientAccessArray")) {
                for (ExchangeOrganization.RpcArray a : org.arrays()) {
                    out.put("array.fqdn", a.fqdn());
                    out.put("array.site", a.site());
                    out.put("array.members", String.join(",", a.members()));
                }
            } else if (c.is("Get-DatabaseAvailabilityGroup")) {
                for (ExchangeOrganization.Dag d : org.dags()) {
                    out.put("dag.name", d.name());
                    out.put("dag.members", String.join(",", d.members()));
                }
            } else {
                String kind = DIRECTORY_CMDLETS.entrySet().stream().filter(e -> c.is(e.getKey())).map(Map.Entry::getValue)
                        .findFirst().orElseThrow();
                for (ExchangeOrganization.VirtualDirectory v : org.virtualDirectories()) {
                    if (v.kind().equals(kind)) {
                        out.put("vdir.kind", v.kind());
                        out.put("vdir.server", v.server());
                        out.put("vdir.internal", v.internal());
                        out.put("vdir.external", v.external());
                    }
                }
            }
        }
    }

    /** Whether the command is a read that lists records of the organization (not a read of one server's settings). */
    private static boolean reads(Command c, ExchangeVersion version) {
        if (c.name() == null) {
            return false;
        }
        if (c.is("Get-ExchangeServer") || c.is("Get-ClientAccessArray") || c.is("Get-DatabaseAvailabilityGroup")) {
            return !c.has("Identity");
        }
        if (c.is(version.casGet())) {
            return !c.has("Identity");
        }
        return DIRECTORY_CMDLETS.keySet().stream().anyMatch(c::is) && c.has("ADPropertiesOnly");
    }
}
