package com.asaconsole.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.asaconsole.remoting.ExchangeOrganization;

/**
 * Pure: what Exchange reports ({@link ExchangeOrganization}) read as the console models an estate.
 * Client Access servers with version and site; a DAG member outside the site where most of its DAG
 * is becomes a DR candidate; RPC arrays; and every name in a virtual directory's internal or external
 * URL (or Autodiscover's internal URI) becomes a namespace carrying those services, behind the servers
 * whose directories use it, in those servers' sites. A URL on a server's own name is no load-balanced
 * name and is left out.
 */
final class ExchangeTopologyReader {

    private ExchangeTopologyReader() {
    }

    record DiscoveredServer(String fqdn, String site, ExchangeVersion version, boolean drCandidate, String drReason) {
    }

    record DiscoveredArray(String fqdn, String site, List<String> members) {
    }

    record DiscoveredNamespace(String fqdn, NamespaceScope scope, Set<ExchangeService> services, List<String> sites,
            List<String> servers) {
    }

    /** {@code notes}: what was left out and why, for the admin. */
    record DiscoveredEstate(List<String> sites, List<DiscoveredServer> servers, List<DiscoveredArray> arrays,
            List<DiscoveredNamespace> namespaces, List<String> notes) {
    }

    static DiscoveredEstate read(ExchangeOrganization org) {
        List<String> notes = new ArrayList<>();
        Map<String, String> fqdnByName = new LinkedHashMap<>();
        Map<String, ExchangeOrganization.Server> cas = new TreeMap<>();
        for (ExchangeOrganization.Server s : org.servers()) {
            String fqdn = lower(s.fqdn());
            fqdnByName.put(lower(s.name()), fqdn);
            if (!s.clientAccess()) {
                continue;
            }
            if (s.before2010Sp1()) {
                notes.add(fqdn + " runs Exchange 2010 before SP1, which can't hold an ASA credential; left out (install SP1 or later).");
            } else if (s.version().isEmpty()) {
                notes.add(fqdn + " reports " + s.adminDisplayVersion() + ", an Exchange version the console doesn't know; left out.");
            } else {
                cas.put(fqdn, s);
            }
        }
        Map<String, String> drReasons = drCandidates(org, cas, fqdnByName);
        List<DiscoveredServer> servers = cas.values().stream().map(s -> new DiscoveredServer(lower(s.fqdn()), s.site(),
                ExchangeVersion.valueOf(s.version().orElseThrow().name()), drReasons.containsKey(lower(s.fqdn())),
                drReasons.get(lower(s.fqdn())))).toList();

        List<DiscoveredArray> arrays = new ArrayList<>();
        for (ExchangeOrganization.RpcArray a : org.arrays()) {
            List<String> members = a.members().stream().map(m -> fqdnByName.getOrDefault(lower(m), lower(m))).filter(cas::containsKey)
                    .sorted().toList();
            arrays.add(new DiscoveredArray(lower(a.fqdn()), a.site(), members));
        }
        arrays.sort(Comparator.comparing(DiscoveredArray::fqdn));

        List<DiscoveredNamespace> namespaces = namespaces(org, cas, fqdnByName, notes);
        Set<String> sites = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        servers.forEach(s -> sites.add(s.site()));
        arrays.forEach(a -> sites.add(a.site()));
        return new DiscoveredEstate(List.copyOf(sites), servers, List.copyOf(arrays), namespaces, List.copyOf(notes));
    }

    /** DAG members outside the site that holds most of their DAG: the DR site's servers, for the admin to confirm. */
    private static Map<String, String> drCandidates(ExchangeOrganization org, Map<String, ExchangeOrganization.Server> cas,
            Map<String, String> fqdnByName) {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (ExchangeOrganization.Dag dag : org.dags()) {
            Map<String, List<String>> bySite = new TreeMap<>();
            for (String member : dag.members()) {
                String fqdn = fqdnByName.getOrDefault(lower(member), lower(member));
                ExchangeOrganization.Server server = cas.get(fqdn);
                if (server != null) {
                    bySite.computeIfAbsent(server.site(), k -> new ArrayList<>()).add(fqdn);
                }
            }
            if (bySite.size() < 2) {
                continue;
            }
            int most = bySite.values().stream().mapToInt(List::size).max().orElse(0);
            List<String> primary = bySite.entrySet().stream().filter(e -> e.getValue().size() == most).map(Map.Entry::getKey).toList();
            if (primary.size() != 1) {
                continue; // evenly spread: nothing says which site is the DR one
            }
            String spread = bySite.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue().size() + ")")
                    .collect(Collectors.joining(", "));
            bySite.forEach((site, members) -> {
                if (!site.equals(primary.get(0))) {
                    members.forEach(m -> reasons.put(m, "DR candidate: DAG " + dag.name() + " spans " + spread + "; most of it is in "
                            + primary.get(0) + ", so " + site + " looks like the DR site."));
                }
            });
        }
        return reasons;
    }

    private static List<DiscoveredNamespace> namespaces(ExchangeOrganization org, Map<String, ExchangeOrganization.Server> cas,
            Map<String, String> fqdnByName, List<String> notes) {
        Map<String, Name> names = new TreeMap<>();
        Set<String> ownNames = new TreeSet<>();
        Set<String> serverNames = new TreeSet<>(fqdnByName.keySet());
        serverNames.addAll(fqdnByName.values());
        for (ExchangeOrganization.VirtualDirectory v : org.virtualDirectories()) {
            String server = fqdnByName.get(lower(v.server()));
            Optional<ExchangeService> service = service(v.kind());
            if (server == null || !cas.containsKey(server) || service.isEmpty()) {
                continue;
            }
            add(names, ownNames, serverNames, host(v.internal()), true, service.get(), server);
            add(names, ownNames, serverNames, host(v.external()), false, service.get(), server);
        }
        for (ExchangeOrganization.ClientAccess c : org.clientAccess()) {
            String server = fqdnByName.get(lower(c.name()));
            if (server != null && cas.containsKey(server)) {
                add(names, ownNames, serverNames, host(c.autodiscoverInternalUri()), true, ExchangeService.AUTODISCOVER, server);
            }
        }
        if (!ownNames.isEmpty()) {
            notes.add("Virtual directories of " + String.join(", ", ownNames) + " use the server's own name: no load-balanced name, "
                    + "so no namespace (and no SPN: the server's computer account holds its own).");
        }
        List<DiscoveredNamespace> out = new ArrayList<>();
        names.forEach((fqdn, n) -> {
            Optional<String> problem = HostNames.fqdnProblem(fqdn);
            if (problem.isPresent()) {
                notes.add("A virtual directory names " + fqdn + ", which is not a usable name (" + problem.get() + "); left out.");
                return;
            }
            NamespaceScope scope = n.internal && n.external ? NamespaceScope.BOTH : n.internal ? NamespaceScope.INTERNAL : NamespaceScope.EXTERNAL;
            List<String> sites = n.servers.stream().map(s -> cas.get(s).site()).distinct().sorted().toList();
            out.add(new DiscoveredNamespace(fqdn, scope, n.services, sites, List.copyOf(n.servers)));
        });
        return out;
    }

    private static final class Name {
        boolean internal;
        boolean external;
        final Set<ExchangeService> services = EnumSet.noneOf(ExchangeService.class);
        final Set<String> servers = new TreeSet<>();
    }

    private static void add(Map<String, Name> names, Set<String> ownNames, Set<String> serverNames, String host, boolean internal,
            ExchangeService service, String server) {
        if (host.isEmpty()) {
            return;
        }
        if (serverNames.contains(host)) {
            ownNames.add(server);
            return;
        }
        Name n = names.computeIfAbsent(host, h -> new Name());
        n.internal |= internal;
        n.external |= !internal;
        n.services.add(service);
        n.servers.add(server);
    }

    private static Optional<ExchangeService> service(String kind) {
        try {
            return Optional.of(ExchangeService.valueOf(kind));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** The host of a URL, or the value itself for a bare host name (Outlook Anywhere); lower case, no port. */
    static String host(String value) {
        if (value == null || value.isBlank()) {
            return "";
        }
        String rest = value.strip();
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            rest = rest.substring(scheme + 3);
        }
        int end = rest.length();
        for (char c : new char[] { '/', ':', '?', '#' }) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return rest.substring(0, end).toLowerCase(Locale.ROOT);
    }

    private static String lower(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }
}
