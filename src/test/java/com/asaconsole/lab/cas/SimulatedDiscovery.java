package com.asaconsole.lab.cas;

import com.asaconsole.remoting.ExchangeOrganization;

/**
 * The CAS member SIMULATOR's answers to the console's read-only discovery scripts, from the
 * {@link SimulatedEstate} the member belongs to, printed as the structured lines the real
 * scripts print (every field of every record, empty when unset).
 */
final class SimulatedDiscovery {

    private SimulatedDiscovery() {
    }

    static boolean answers(String operation) {
        return operation.equals("read-exchange-organization") || operation.equals("read-mapi-virtual-directories");
    }

    static void answer(SimulatedEstate estate, String operation, SimulatedScripts.Out out) {
        ExchangeOrganization org = estate == null ? new SimulatedEstate().organization() : estate.organization();
        boolean mapiOnly = operation.equals("read-mapi-virtual-directories");
        if (!mapiOnly) {
            for (ExchangeOrganization.Server s : org.servers()) {
                out.put("server.name", s.name());
                out.put("server.fqdn", s.fqdn());
                out.put("server.site", s.site());
                out.put("server.version", s.adminDisplayVersion());
                out.put("server.roles", s.roles());
            }
            for (ExchangeOrganization.ClientAccess c : org.clientAccess()) {
                out.put("cas.name", c.name());
                out.put("cas.autodiscover", c.autodiscoverInternalUri());
            }
            for (ExchangeOrganization.RpcArray a : org.arrays()) {
                out.put("array.fqdn", a.fqdn());
                out.put("array.site", a.site());
                out.put("array.members", String.join(",", a.members()));
            }
            for (ExchangeOrganization.Dag d : org.dags()) {
                out.put("dag.name", d.name());
                out.put("dag.members", String.join(",", d.members()));
            }
        }
        for (ExchangeOrganization.VirtualDirectory v : org.virtualDirectories()) {
            if (mapiOnly == v.kind().equals("MAPI_HTTP")) {
                out.put("vdir.kind", v.kind());
                out.put("vdir.server", v.server());
                out.put("vdir.internal", v.internal());
                out.put("vdir.external", v.external());
            }
        }
    }
}
