package com.asaconsole.deployment.steps;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.asaconsole.planning.PlanDocument;
import com.asaconsole.planning.PlannedSpn;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

/**
 * What a change works on, as plain values: the plan document, the members its remote steps are
 * limited to (empty: all) and, for a rollback, the targets the aborted job applied per step. The
 * operations are rendered from this alone, for the wizard, the frozen change and the re-check at
 * run time; a job reads the real state on top of it ({@link JobScope}).
 * <p>
 * The look-ups (a server by name, an ASA's servers, an SPN, the servers behind a name) are indexed
 * once: rendering asks them once per target, and over an estate of thousands of servers a scan per
 * question made each wizard page take seconds. Each answers exactly what a scan in topology order
 * answered (the first match; servers in topology order), so the rendered text does not change.
 */
public final class ChangeScope {

    private final PlanDocument document;
    private final List<String> scopedMembers;
    private final Map<String, List<String>> rollbackTargets;

    private final Map<String, List<ServerInfo>> serversByAsa = new HashMap<>();
    private final Map<String, AsaInfo> asasByName = new HashMap<>();
    private final List<AsaInfo> accounts;
    private final List<ServerInfo> members;
    /** The look-ups by name, built on first use: the dashboard asks only which steps apply, once per view. */
    private Names names;

    private record Names(Map<String, ServerInfo> servers, Map<String, Integer> position, Map<String, PlannedSpn> spns,
            Map<String, List<String>> behind) {
    }

    public ChangeScope(PlanDocument document, List<String> scopedMembers, Map<String, List<String>> rollbackTargets) {
        this.document = document;
        this.scopedMembers = scopedMembers == null ? List.of() : List.copyOf(scopedMembers);
        this.rollbackTargets = rollbackTargets;
        for (ServerInfo s : document.topology().servers()) {
            if (s.asa() != null) {
                serversByAsa.computeIfAbsent(s.asa(), a -> new ArrayList<>()).add(s);
            }
        }
        document.topology().asaAccounts().forEach(a -> asasByName.putIfAbsent(a.name(), a));
        Set<String> scoped = this.scopedMembers.stream().map(ChangeScope::key).collect(Collectors.toSet());
        // a change scoped to some members concerns only their ASAs (a roll of one ASA never resets another's password)
        this.accounts = document.topology().asaAccounts().stream().filter(a -> !servers(a).isEmpty())
                .filter(a -> !scoped() || servers(a).stream().anyMatch(s -> scoped.contains(key(s.fqdn())))).toList();
        this.members = accounts.stream().flatMap(a -> servers(a).stream()).filter(s -> !scoped() || scoped.contains(key(s.fqdn())))
                .toList();
    }

    public static ChangeScope of(PlanDocument document) {
        return new ChangeScope(document, List.of(), null);
    }

    private synchronized Names names() {
        if (names == null) {
            Map<String, ServerInfo> servers = new HashMap<>();
            Map<String, Integer> position = new HashMap<>();
            List<ServerInfo> all = document.topology().servers();
            for (int i = 0; i < all.size(); i++) {
                servers.putIfAbsent(key(all.get(i).fqdn()), all.get(i));
                position.putIfAbsent(key(all.get(i).fqdn()), i);
            }
            Map<String, PlannedSpn> spns = new HashMap<>();
            document.plan().spns().forEach(s -> spns.putIfAbsent(key(s.spn()), s));
            // a namespace answers before a CAS array of the same name, as the scan looked at namespaces first
            Map<String, List<String>> behind = new HashMap<>();
            document.topology().namespaces().forEach(n -> behind.putIfAbsent(key(n.fqdn()), n.servers()));
            document.topology().casArrays().forEach(a -> behind.putIfAbsent(key(a.fqdn()), a.members()));
            names = new Names(servers, position, spns, behind);
        }
        return names;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public PlanDocument document() {
        return document;
    }

    public List<String> scopedMembers() {
        return scopedMembers;
    }

    public boolean scoped() {
        return !scopedMembers.isEmpty();
    }

    /** Every server that holds (or will hold) one of the planned ASAs, limited to the change's members when it names some. */
    public List<ServerInfo> members() {
        return members;
    }

    /** Servers of this ASA that the change leaves out (a scoped change). */
    List<ServerInfo> membersLeftOut(AsaInfo asa) {
        Set<String> scoped = scopedMembers.stream().map(ChangeScope::key).collect(Collectors.toSet());
        return servers(asa).stream().filter(s -> scoped() && !scoped.contains(key(s.fqdn()))).toList();
    }

    ServerInfo server(String fqdn) {
        ServerInfo server = names().servers().get(key(fqdn));
        if (server == null) {
            throw StepFailed.permanent("The plan has no server " + fqdn + ".");
        }
        return server;
    }

    /** For a rollback change: the targets the aborted job changed in this step (by its key); empty otherwise. */
    Optional<List<String>> rollbackTargets(String stepKey) {
        return rollbackTargets == null ? Optional.empty() : Optional.of(rollbackTargets.getOrDefault(stepKey, List.of()));
    }

    /** The planned ASAs that some server will hold (the ones the wizard deploys). */
    public List<AsaInfo> accounts() {
        return accounts;
    }

    public List<ServerInfo> servers(AsaInfo asa) {
        return List.copyOf(serversByAsa.getOrDefault(asa.name(), List.of()));
    }

    AsaInfo asa(String name) {
        AsaInfo asa = name == null ? null : asasByName.get(name);
        if (asa == null) {
            throw StepFailed.permanent("The plan has no ASA named " + name + ".");
        }
        return asa;
    }

    public List<PlannedSpn> spns() {
        return document.plan().spns();
    }

    PlannedSpn spn(String spn) {
        PlannedSpn planned = names().spns().get(key(spn));
        if (planned == null) {
            throw StepFailed.permanent("The plan has no SPN " + spn + ".");
        }
        return planned;
    }

    /** The servers that answer the name an SPN is for (its namespace or CAS array): all must hold the ASA before the SPN is added. */
    List<ServerInfo> serving(PlannedSpn spn) {
        Names n = names();
        return n.behind().getOrDefault(key(spn.host()), List.of()).stream().map(ChangeScope::key).distinct()
                .filter(n.servers()::containsKey).sorted(Comparator.comparingInt(n.position()::get)).map(n.servers()::get).toList();
    }

    /** The DN the plan gives an ASA: CN=<name without $>,<OU>. */
    static String plannedDn(AsaInfo asa) {
        return com.asaconsole.directory.LdapWrite.createAccount(asa.ou(), asa.samAccountName(), asa.kind() == com.asaconsole.topology.AsaKind.COMPUTER,
                24, true).dn();
    }
}
