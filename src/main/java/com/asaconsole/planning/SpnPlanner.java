package com.asaconsole.planning;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.asaconsole.topology.AsaKind;
import com.asaconsole.topology.EncryptionTypes;
import com.asaconsole.topology.ExchangeService;
import com.asaconsole.topology.ExchangeVersion;
import com.asaconsole.topology.HostNames;
import com.asaconsole.topology.TopologySnapshot;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot.CasArrayInfo;
import com.asaconsole.topology.TopologySnapshot.NamespaceInfo;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

/**
 * Pure: a topology snapshot in, the SPNs of each ASA and the findings out. Encodes the rules of
 * docs/exchange-asa-facts.md; nothing here touches Spring, a database or a network.
 */
public final class SpnPlanner {

    static final List<String> RPC_SERVICE_CLASSES = List.of("exchangeMDB", "exchangeRFR", "exchangeAB");

    private SpnPlanner() {
    }

    public static Plan plan(TopologySnapshot topology) {
        return plan(topology, DirectoryReading.NONE);
    }

    /**
     * The plan with what the directory says about where the planned SPNs are registered: an SPN on
     * a CAS computer account or another ASA of the estate becomes a planned move; on any other object
     * it is a BLOCK finding naming the holder (facts rule 7), never moved automatically.
     */
    public static Plan plan(TopologySnapshot topology, DirectoryReading reading) {
        return new Run(topology, reading).plan();
    }

    private static final class Run {

        private final TopologySnapshot topology;
        private final Map<String, ServerInfo> servers;
        private final Map<String, AsaInfo> asas;
        private final Map<String, PlannedSpn> spns = new LinkedHashMap<>();
        private final Map<String, Finding> findings = new LinkedHashMap<>();
        private final Map<String, PlannedMove> moves = new LinkedHashMap<>();
        private final DirectoryReading reading;

        Run(TopologySnapshot topology, DirectoryReading reading) {
            this.topology = topology;
            this.reading = reading;
            this.servers = topology.servers().stream()
                    .collect(Collectors.toMap(s -> key(s.fqdn()), Function.identity(), (a, b) -> a, LinkedHashMap::new));
            this.asas = topology.asaAccounts().stream()
                    .collect(Collectors.toMap(AsaInfo::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        }

        Plan plan() {
            topology.asaAccounts().forEach(this::accountRules);
            topology.namespaces().forEach(this::namespace);
            topology.casArrays().forEach(this::casArray);
            versionRules();
            List<PlannedSpn> ordered = spns.values().stream()
                    .sorted(Comparator.comparing(PlannedSpn::asa).thenComparing(PlannedSpn::host).thenComparing(PlannedSpn::spn))
                    .toList();
            ordered.forEach(this::registrations);
            reading.problems().forEach(p -> add(Severity.WARN, "DIRECTORY_UNREAD", p, "Where the planned SPNs are registered could not be read: "
                    + p, "Fix the directory connection and store the plan again; until then the SPN step finds holders only when it runs."));
            List<Finding> sorted = findings.values().stream()
                    .sorted(Comparator.comparing(Finding::severity).thenComparing(Finding::rule).thenComparing(Finding::subject))
                    .toList();
            return new Plan(ordered, sorted, List.copyOf(moves.values()));
        }

        // ------------------------------------------------------------ where the SPNs are now

        /** Classifies each holder of a planned SPN other than its ASA: a move within the estate, or a BLOCK. */
        private void registrations(PlannedSpn spn) {
            AsaInfo owner = asas.get(spn.asa());
            for (SpnRegistration r : reading.registrations()) {
                if (!r.spn().equalsIgnoreCase(spn.spn()) || owner == null || r.holderSam() == null
                        || r.holderSam().equalsIgnoreCase(owner.samAccountName()) && r.forest().equalsIgnoreCase(owner.forest())) {
                    continue;
                }
                String why = estateHolder(r);
                if (why == null) {
                    add(Severity.BLOCK, "SPN_HELD_ELSEWHERE", spn.spn() + " " + r.holderDn(), spn.spn() + " is registered on " + r.holderSam()
                            + " (" + r.holderDn() + "), which is neither a Client Access server nor an ASA of this estate. "
                            + "The console never moves an SPN from an object it does not know.",
                            "Find out what uses it; if nothing does, remove it there (setspn -D " + spn.spn() + " " + r.holderSam()
                            + ") and store the plan again.");
                } else if (moves.containsKey(spn.spn().toLowerCase(Locale.ROOT))) {
                    add(Severity.BLOCK, "SPN_HELD_TWICE", spn.spn(), spn.spn() + " is registered on more than one account of the estate ("
                            + moves.get(spn.spn().toLowerCase(Locale.ROOT)).fromSam() + ", " + r.holderSam() + ").",
                            "Remove it from all but one of them (setspn -D), then store the plan again.");
                } else {
                    moves.put(spn.spn().toLowerCase(Locale.ROOT), new PlannedMove(spn.spn(), spn.asa(), r.holderDn(), r.holderSam(), why));
                }
            }
        }

        /** Why a holder belongs to the estate (a CAS computer account or another ASA), or null when it does not. */
        private String estateHolder(SpnRegistration r) {
            for (ServerInfo server : topology.servers()) {
                if (server.forest().equalsIgnoreCase(r.forest()) && (server.shortName() + "$").equalsIgnoreCase(r.holderSam())) {
                    return "the computer account of Client Access server " + server.fqdn()
                            + " holds it, so Kerberos for this name works on that server only (facts rule 7)";
                }
            }
            for (AsaInfo asa : topology.asaAccounts()) {
                if (asa.forest().equalsIgnoreCase(r.forest()) && asa.samAccountName().equalsIgnoreCase(r.holderSam())) {
                    return "the estate's other ASA " + asa.name() + " holds it (for example Exchange 2010's ASA before the 2013+ cutover)";
                }
            }
            return null;
        }

        // ------------------------------------------------------------ accounts

        private void accountRules(AsaInfo asa) {
            List<ServerInfo> served = servedBy(asa.name());
            if (served.isEmpty()) {
                add(Severity.WARN, "ASA_UNUSED", asa.name(), asa.name() + " is planned for no server, so no server can decrypt tickets for its SPNs.",
                        "Assign the servers it should serve (every server behind its namespaces, DR/standby included), or delete it.");
            }
            Set<String> legacy = names(served.stream().filter(s -> s.version().isLegacy()));
            Set<String> modern = names(served.stream().filter(s -> !s.version().isLegacy()));
            if (!legacy.isEmpty() && !modern.isEmpty()) {
                add(Severity.BLOCK, "MIXED_VERSIONS", asa.name(), "Exchange 2010 and 2013+ servers can't share an ASA, but " + asa.name()
                        + " is planned for Exchange 2010 (" + String.join(", ", legacy) + ") and 2013+ (" + String.join(", ", modern) + ").",
                        "Create a second ASA: keep the exchange* SPNs on the 2010 ASA and move http/ SPNs to the 2013+ ASA at cutover.");
            }
            for (ServerInfo server : served) {
                if (!server.forest().equalsIgnoreCase(asa.forest())) {
                    add(Severity.BLOCK, "ASA_OTHER_FOREST", server.fqdn(), server.fqdn() + " is in forest " + server.forest() + " but is planned to hold "
                            + asa.name() + " from forest " + asa.forest() + ".", "Plan an ASA in the server's own forest.");
                }
            }
            if (asa.kind() == AsaKind.GMSA) {
                add(Severity.BLOCK, "GMSA", asa.name(), asa.name() + " is a group managed service account; Exchange does not support a gMSA as the ASA.",
                        "Use a computer account (preferred) or a user account.");
            }
            if (asa.kind() == AsaKind.USER && !asa.passwordNeverExpires()) {
                add(Severity.WARN, "PASSWORD_EXPIRES", asa.name(), asa.name() + " is a user account whose password expires; when it does, Kerberos to "
                        + "Exchange fails.",
                        "Set the password never to expire and roll it on schedule, or use a computer account.");
            }
            if (asa.kind() == AsaKind.USER) {
                add(Severity.INFO, "USER_ACCOUNT", asa.name(), asa.name() + " is a user account; a computer account is preferred (no interactive logon).",
                        "Consider a computer account.");
            }
            if (asa.kind() == AsaKind.COMPUTER) {
                add(Severity.INFO, "STALE_CLEANUP", asa.name(), "Stale-computer clean-up scripts may delete or disable " + asa.name()
                        + ": it never logs on, so it looks unused.", "Exclude it (or its OU) from such scripts; the console's checks will detect a "
                                + "missing account.");
            }
            encryptionTypes(asa);
        }

        private void encryptionTypes(AsaInfo asa) {
            Integer mask = asa.encryptionTypes();
            if (mask == null || mask == 0) {
                add(Severity.INFO, "ENCTYPES_UNSET", asa.name(), "msDS-SupportedEncryptionTypes is unset on " + asa.name()
                        + ": that is good only if the account has AES keys (its password was set on a 2008+ domain).",
                        "Set it to 24 (AES128 + AES256) explicitly.");
                return;
            }
            boolean aes = (mask & (EncryptionTypes.AES128 | EncryptionTypes.AES256)) != 0;
            boolean rc4 = (mask & EncryptionTypes.RC4) != 0;
            boolean des = (mask & (EncryptionTypes.DES_CBC_CRC | EncryptionTypes.DES_CBC_MD5)) != 0;
            if (!aes) {
                add(Severity.BLOCK, "NO_AES", asa.name(), asa.name() + " allows " + EncryptionTypes.describe(mask)
                        + " and no AES: RC4 is being removed from Windows (KB5073381, CVE-2026-20833) and Java 17 refuses RC4 tickets.",
                        "Set msDS-SupportedEncryptionTypes to 24 (AES128 + AES256).");
            } else if (rc4) {
                add(Severity.WARN, "RC4", asa.name(), asa.name() + " still allows RC4 (" + EncryptionTypes.describe(mask)
                        + "); RC4 is audited from January 2026 and off by default from April 2026 (KB5073381).",
                        "Set msDS-SupportedEncryptionTypes to 24 (AES128 + AES256).");
            }
            if (des && aes) {
                add(Severity.WARN, "DES", asa.name(), asa.name() + " allows DES (" + EncryptionTypes.describe(mask) + "), disabled by default since "
                        + "Windows Server 2008 R2.",
                        "Set msDS-SupportedEncryptionTypes to 24 (AES128 + AES256).");
            }
        }

        // ------------------------------------------------------------ names

        private void namespace(NamespaceInfo namespace) {
            String host = key(namespace.fqdn());
            List<ExchangeService> http = namespace.services().stream().filter(ExchangeService::isHttp).sorted().toList();
            if (servers.containsKey(host)) {
                add(Severity.BLOCK, "NAMESPACE_IS_SERVER", host, "Namespace " + host + " is also the name of a server. An SPN on a server name belongs to "
                        + "that server's computer account, so no ASA can hold it; clients would use Kerberos with one server only.",
                        "Use a load-balanced name of its own (e.g. mail." + domainOf(host) + ") with an A record to the load balancer.");
                return;
            }
            if (!namespace.scope().isInternal()) {
                add(Severity.INFO, "EXTERNAL_ONLY", host, host + " is external only, so it gets no SPN: external clients can't reach a KDC.",
                        "If split DNS makes " + host + " resolve internally, model it as internal and external so that it gets an SPN.");
                return;
            }
            if (http.isEmpty()) {
                boolean array = topology.casArrays().stream().anyMatch(a -> key(a.fqdn()).equals(host));
                if (namespace.services().contains(ExchangeService.RPC) && !array) {
                    add(Severity.WARN, "RPC_WITHOUT_ARRAY", host, host + " carries RPC Client Access but no CAS array of that name is modelled, so no "
                            + "exchange* SPNs are planned for it.",
                            "Model the Exchange 2010 RPC Client Access array " + host + " with its members.");
                }
                return;
            }
            if (!validName(host)) {
                return;
            }
            siteRules(namespace, host);
            String owner = owner("Namespace", host, namespace.servers());
            if (owner != null) {
                addSpn(new PlannedSpn("http/" + host, owner, host, "namespace",
                        http.stream().map(ExchangeService::label).collect(Collectors.joining(", ")), versions(namespace.servers())));
            }
        }

        /**
         * A name served from several sites (a primary and a DR site) has one SPN, so every server behind
         * it in every site must hold its ASA (the owner rules check that); here: the sites and the
         * servers listed must agree, or a site's servers were forgotten.
         */
        private void siteRules(NamespaceInfo namespace, String host) {
            List<ServerInfo> behind = namespace.servers().stream().map(b -> servers.get(key(b))).filter(Objects::nonNull).toList();
            if (behind.isEmpty()) {
                return;
            }
            for (String site : namespace.sites()) {
                if (behind.stream().noneMatch(s -> s.site().equalsIgnoreCase(site))) {
                    add(Severity.WARN, "SITE_WITHOUT_SERVERS", host + " " + site, host + " is served from site " + site
                            + ", but none of the servers behind it is in " + site + "; the servers there that answer it would get no ASA.",
                            "Add the servers of " + site + " that answer " + host + " (DR/standby included), or remove " + site + " from it.");
                }
            }
            for (ServerInfo server : behind) {
                if (namespace.sites().stream().noneMatch(site -> site.equalsIgnoreCase(server.site()))) {
                    add(Severity.WARN, "SERVER_OUTSIDE_SITES", server.fqdn() + " " + host, server.fqdn() + " answers " + host
                            + " but is in site " + server.site() + ", which is not among the sites " + host + " is served from ("
                            + String.join(", ", namespace.sites()) + ").",
                            "Add site " + server.site() + " to " + host + " if it serves the name, or take " + server.fqdn() + " out of it.");
                }
            }
        }

        private void casArray(CasArrayInfo array) {
            String host = key(array.fqdn());
            if (servers.containsKey(host)) {
                add(Severity.BLOCK, "NAMESPACE_IS_SERVER", host, "CAS array " + host + " has the name of a server; its exchange* SPNs would "
                        + "belong to that server's computer account, not to the ASA.", "Give the array its own name with an A record to the load balancer.");
                return;
            }
            List<String> notLegacy = array.members().stream().map(m -> servers.get(key(m))).filter(Objects::nonNull)
                    .filter(s -> !s.version().isLegacy()).map(ServerInfo::fqdn).toList();
            if (!notLegacy.isEmpty()) {
                add(Severity.BLOCK, "ARRAY_NOT_2010", host, "CAS array " + host + " has members that are not Exchange 2010 ("
                        + String.join(", ", notLegacy) + "); RPC Client Access arrays exist in Exchange 2010 only.",
                        "Remove them from the array; 2013+ servers are reached through http/ namespaces.");
            }
            if (!validName(host)) {
                return;
            }
            String owner = owner("CAS array", host, array.members());
            if (owner != null) {
                for (String serviceClass : RPC_SERVICE_CLASSES) {
                    addSpn(new PlannedSpn(serviceClass + "/" + host, owner, host, "CAS array", "RPC Client Access (MAPI over RPC)",
                            versions(array.members())));
                }
            }
        }

        /** The ASA the servers behind a name hold, or null with a finding saying why there is none. */
        private String owner(String what, String host, List<String> behind) {
            List<ServerInfo> known = behind.stream().map(b -> servers.get(key(b))).filter(Objects::nonNull).toList();
            if (known.isEmpty()) {
                add(Severity.WARN, "NO_SERVERS", host, what + " " + host + " has no servers behind it, so no SPN is planned for it.",
                        "Add the servers that answer " + host + ", DR/standby servers included.");
                return null;
            }
            List<ServerInfo> active = known.stream().filter(s -> !s.standby()).toList();
            List<ServerInfo> deciding = active.isEmpty() ? known : active;
            Set<String> held = new TreeSet<>(deciding.stream().map(ServerInfo::asa).filter(Objects::nonNull).toList());
            if (held.isEmpty()) {
                add(Severity.WARN, "NO_ASA", host, "No ASA is planned for the servers behind " + host + ", so no SPN is planned for it and clients "
                        + "keep using NTLM.",
                        "Assign an ASA to " + String.join(", ", names(known.stream())) + ".");
                return null;
            }
            if (held.size() > 1) {
                add(Severity.BLOCK, "SPLIT_ASA", host, "The servers behind " + host + " are planned to hold different ASAs (" + String.join(", ", held)
                        + "); an SPN can belong to one account only, so Kerberos would fail on some of them.",
                        "Plan one ASA for every server behind " + host + ".");
                return null;
            }
            String owner = held.iterator().next();
            for (ServerInfo server : known) {
                if (Objects.equals(server.asa(), owner)) {
                    continue;
                }
                if (server.standby()) {
                    add(Severity.BLOCK, "STANDBY_WITHOUT_ASA", server.fqdn() + " " + host, "DR/standby server " + server.fqdn() + " serves " + host
                            + " but is not planned to hold its ASA " + owner + "; when it is activated, Kerberos fails on it.",
                            "Plan " + owner + " for " + server.fqdn() + " too.");
                } else {
                    add(Severity.BLOCK, "SERVER_WITHOUT_ASA", server.fqdn() + " " + host, server.fqdn() + " serves " + host
                            + " but is not planned to hold its ASA " + owner + "; Kerberos would fail intermittently, only on that member.",
                            "Plan " + owner + " for " + server.fqdn() + ".");
                }
            }
            return owner;
        }

        private void addSpn(PlannedSpn spn) {
            String k = spn.spn().toLowerCase(Locale.ROOT);
            PlannedSpn existing = spns.get(k);
            if (existing == null) {
                spns.put(k, spn);
            } else if (!existing.asa().equals(spn.asa())) {
                add(Severity.BLOCK, "DUPLICATE_SPN", spn.spn(), spn.spn() + " would be needed on both " + existing.asa() + " and " + spn.asa()
                        + "; an SPN can belong to one account only.", "Serve " + spn.host() + " from servers holding one ASA.");
            }
        }

        private boolean validName(String host) {
            var problem = HostNames.fqdnProblem(host);
            problem.ifPresent(p -> add(Severity.BLOCK, "INVALID_NAME", host, "No SPN can be planned for " + host + ": " + p,
                    "Correct the name in the topology."));
            return problem.isEmpty();
        }

        // ------------------------------------------------------------ versions

        private void versionRules() {
            for (ServerInfo server : topology.servers()) {
                if (server.version() == ExchangeVersion.EXCHANGE_2010 && server.os() != null && server.os().isWindows2012Family()
                        && server.asa() != null) {
                    add(Severity.WARN, "OAB_NET4", server.fqdn(), "ConvertOABVDir.ps1 on " + server.fqdn() + " (Exchange 2010 on "
                            + server.os().label() + ") sets the OAB application pool to .NET 4.0, which breaks OAB downloads (KB 2961921).",
                            "After converting, set the OAB application pool back to .NET 2.0 as KB 2961921 describes, and test an OAB download.");
                }
            }
            boolean modernKerberos = spns.values().stream().anyMatch(s -> servedBy(s.asa()).stream().anyMatch(v -> !v.version().isLegacy()));
            if (modernKerberos) {
                add(Severity.INFO, "OUTLOOK_MINIMUM", "Outlook clients", "Kerberos with Exchange 2013+ needs Outlook 2013 SP1 with the December 2014 update, "
                        + "or Outlook 2010 SP2 with the January 2015 update; older clients prompt for credentials endlessly.",
                        "Check the Outlook builds in use before the SPNs are added.");
            }
            if (!spns.isEmpty() && reading.forests().isEmpty()) {
                add(Severity.INFO, "SPN_ON_COMPUTER", "Planned SPNs", "Where the planned SPNs are registered now was not read (no directory "
                        + "connection). An SPN left on a CAS computer account (e.g. http/mail on CAS01) makes Kerberos work on that one "
                        + "server only; with a connection, the plan shows it as a move.",
                        "Set up the forest's directory connection and store the plan again; the SPN step checks forest-wide (setspn -F -Q) anyway.");
            }
        }

        // ------------------------------------------------------------ helpers

        private List<ServerInfo> servedBy(String asa) {
            return topology.servers().stream().filter(s -> asa.equals(s.asa())).toList();
        }

        private String versions(List<String> fqdns) {
            Set<ExchangeVersion> versions = new TreeSet<>();
            fqdns.stream().map(f -> servers.get(key(f))).filter(Objects::nonNull).forEach(s -> versions.add(s.version()));
            return versions.isEmpty() ? "no server" : versions.stream().map(ExchangeVersion::label).collect(Collectors.joining(" and "));
        }

        private void add(Severity severity, String rule, String subject, String sentence, String fix) {
            findings.putIfAbsent(rule + " " + subject, new Finding(severity, rule, subject, sentence, fix));
        }

        private static Set<String> names(java.util.stream.Stream<ServerInfo> servers) {
            return servers.map(ServerInfo::fqdn).collect(Collectors.toCollection(LinkedHashSet::new));
        }

        private static String key(String fqdn) {
            return fqdn.strip().toLowerCase(Locale.ROOT);
        }

        private static String domainOf(String host) {
            int dot = host.indexOf('.');
            return dot < 0 ? host : host.substring(dot + 1);
        }
    }

}
