package com.asaconsole.deployment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.asaconsole.planning.PlanDocument;
import com.asaconsole.planning.PlannedSpn;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

/**
 * What a change works on, as plain values: the plan document, the members its remote steps are
 * limited to (empty: all) and, for a rollback, the targets the aborted job applied per step. The
 * operations are rendered from this alone, for the wizard, the frozen change and the re-check at
 * run time; a job reads the real state on top of it ({@link JobScope}).
 */
record ChangeScope(PlanDocument document, List<String> scopedMembers, Map<String, List<String>> rollbackTargets) {

    ChangeScope {
        scopedMembers = scopedMembers == null ? List.of() : List.copyOf(scopedMembers);
    }

    static ChangeScope of(PlanDocument document) {
        return new ChangeScope(document, List.of(), null);
    }

    boolean scoped() {
        return !scopedMembers.isEmpty();
    }

    /** Every server that holds (or will hold) one of the planned ASAs, limited to the change's members when it names some. */
    List<ServerInfo> members() {
        return accounts().stream().flatMap(a -> servers(a).stream())
                .filter(s -> !scoped() || scopedMembers.stream().anyMatch(m -> m.equalsIgnoreCase(s.fqdn()))).toList();
    }

    /** Servers of this ASA that the change leaves out (a scoped change). */
    List<ServerInfo> membersLeftOut(AsaInfo asa) {
        return servers(asa).stream().filter(s -> scoped() && scopedMembers.stream().noneMatch(m -> m.equalsIgnoreCase(s.fqdn())))
                .toList();
    }

    ServerInfo server(String fqdn) {
        return document.topology().servers().stream().filter(s -> s.fqdn().equalsIgnoreCase(fqdn)).findFirst()
                .orElseThrow(() -> StepFailed.permanent("The plan has no server " + fqdn + "."));
    }

    /** For a rollback change: the targets the aborted job changed in this step (by its key); empty otherwise. */
    Optional<List<String>> rollbackTargets(String stepKey) {
        return rollbackTargets == null ? Optional.empty() : Optional.of(rollbackTargets.getOrDefault(stepKey, List.of()));
    }

    /** The planned ASAs that some server will hold (the ones the wizard deploys). */
    List<AsaInfo> accounts() {
        return document.topology().asaAccounts().stream().filter(a -> !servers(a).isEmpty()).toList();
    }

    List<ServerInfo> servers(AsaInfo asa) {
        return document.topology().servers().stream().filter(s -> asa.name().equals(s.asa())).toList();
    }

    AsaInfo asa(String name) {
        return document.topology().asaAccounts().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> StepFailed.permanent("The plan has no ASA named " + name + "."));
    }

    List<PlannedSpn> spns() {
        return document.plan().spns();
    }

    PlannedSpn spn(String spn) {
        return spns().stream().filter(s -> s.spn().equalsIgnoreCase(spn)).findFirst()
                .orElseThrow(() -> StepFailed.permanent("The plan has no SPN " + spn + "."));
    }

    /** The servers that answer the name an SPN is for (its namespace or CAS array): all must hold the ASA before the SPN is added. */
    List<ServerInfo> serving(PlannedSpn spn) {
        List<String> behind = document.topology().namespaces().stream().filter(n -> n.fqdn().equalsIgnoreCase(spn.host()))
                .findFirst().map(n -> n.servers())
                .orElseGet(() -> document.topology().casArrays().stream().filter(a -> a.fqdn().equalsIgnoreCase(spn.host())).findFirst()
                        .map(a -> a.members()).orElse(List.of()));
        return document.topology().servers().stream().filter(s -> behind.stream().anyMatch(b -> b.equalsIgnoreCase(s.fqdn()))).toList();
    }

    /** The DN the plan gives an ASA: CN=<name without $>,<OU>. */
    static String plannedDn(AsaInfo asa) {
        return com.asaconsole.directory.LdapWrite.createAccount(asa.ou(), asa.samAccountName(), asa.kind() == com.asaconsole.topology.AsaKind.COMPUTER,
                24, true).dn();
    }
}
