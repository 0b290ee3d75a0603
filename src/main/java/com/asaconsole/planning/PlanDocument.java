package com.asaconsole.planning;


import java.util.ArrayList;

import java.util.List;
import java.util.stream.Collectors;

import com.asaconsole.topology.TopologySnapshot;
import com.asaconsole.formats.Sha256;

/**
 * What a plan version holds: the topology it was computed from, what was read from the directory
 * (where the planned SPNs were registered), and the plan.
 */
public record PlanDocument(TopologySnapshot topology, Plan plan, DirectoryReading directory) {

    public PlanDocument {
        // versions stored before the directory was read have no reading
        directory = directory == null ? DirectoryReading.NONE : directory;
    }

    public PlanDocument(TopologySnapshot topology, Plan plan) {
        this(topology, plan, DirectoryReading.NONE);
    }

    /** The topology's own lines: what an edit changes (the directory reading and the plan are left out). */
    public String topologyCanonical() {
        return String.join("\n", topologyLines()) + "\n";
    }

    /**
     * One line per fact, in a fixed order, independent of JSON field order or database ids: what
     * the content hash covers and what a reviewer could recompute.
     */
    public String canonical() {
        List<String> lines = topologyLines();
        // only present when the directory was read, so versions stored before keep their hash
        directory.forests().stream().sorted().forEach(f -> lines.add("DIRECTORY READ " + f));
        directory.registrations().forEach(r -> lines.add(r.canonical()));
        directory.problems().forEach(p -> lines.add("DIRECTORY PROBLEM " + p));
        plan.spns().forEach(s -> lines.add(s.canonical()));
        plan.moves().forEach(m -> lines.add(m.canonical()));
        plan.findings().forEach(f -> lines.add("FINDING " + f.canonical()));
        return String.join("\n", lines) + "\n";
    }

    private List<String> topologyLines() {
        List<String> lines = new ArrayList<>();
        lines.add("ASA-CONSOLE-PLAN 1");
        topology.forests().forEach(f -> lines.add("FOREST " + f.dnsName() + " " + f.netbiosName() + " " + f.ldapsEndpoint() + " "
                + f.globalCatalogEndpoint() + " " + f.asaOu() + " " + f.credentialRef()));
        topology.sites().forEach(s -> lines.add("SITE " + s.forest() + " " + s.name()));
        topology.asaAccounts().forEach(a -> lines.add("ASA " + a.name() + " " + a.kind() + " " + a.ou() + " " + a.encryptionTypes() + " "
                + a.passwordNeverExpires() + " " + a.rotationDays()));
        topology.servers().forEach(s -> lines.add("SERVER " + s.fqdn() + " " + s.site() + " " + s.version() + " " + s.os() + " "
                + s.winrmEndpoint() + " " + s.winrmAuth() + " " + s.standby() + " " + s.asa()));
        topology.casArrays().forEach(a -> lines.add("CASARRAY " + a.fqdn() + " " + a.site() + " " + String.join(",", a.members())));
        topology.namespaces().forEach(n -> lines.add("NAMESPACE " + n.fqdn() + " " + n.scope() + " "
                + n.services().stream().map(Enum::name).sorted().collect(Collectors.joining(",")) + " " + String.join(",", n.sites()) + " "
                + String.join(",", n.servers())));
        return lines;
    }

    public String contentHash() {
        return sha256(canonical());
    }

    /** The hash of the topology alone: equal for two documents of the same, unedited topology. */
    public String topologyHash() {
        return sha256(topologyCanonical());
    }

    private static String sha256(String text) {
        return Sha256.hex(text);
    }
}
