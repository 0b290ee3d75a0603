package com.asaconsole.planning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import com.asaconsole.topology.TopologySnapshot;

/** What a plan version holds: the topology it was computed from and the plan. */
public record PlanDocument(TopologySnapshot topology, Plan plan) {

    /**
     * One line per fact, in a fixed order, independent of JSON field order or database ids: what
     * the content hash covers and what a reviewer could recompute.
     */
    public String canonical() {
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
        plan.spns().forEach(s -> lines.add(s.canonical()));
        plan.findings().forEach(f -> lines.add("FINDING " + f.canonical()));
        return String.join("\n", lines) + "\n";
    }

    public String contentHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
