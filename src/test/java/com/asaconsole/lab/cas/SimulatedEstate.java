package com.asaconsole.lab.cas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.asaconsole.remoting.ExchangeOrganization;
import com.asaconsole.remoting.ExchangeVersion;

/**
 * The Exchange organization the CAS member SIMULATORs pretend to be part of: servers with their
 * versions and AD sites, legacy RPC Client Access arrays, DAGs, and each server's virtual directory
 * URLs. Every simulated member answers the console's discovery scripts from it (Exchange keeps this
 * in Active Directory, so any server reports the whole organization). Tests change it to simulate an
 * estate that changed between two discoveries.
 */
public final class SimulatedEstate {

    /** The lab's estate: an Exchange 2010 site with an RPC array, a 2016 site and a 2019 DR site. */
    public static final String LEGACY = "Legacy";
    public static final String PRIMARY = "Primary";
    public static final String RECOVERY = "Recovery";

    /** One simulated server; {@code name} is its NetBIOS name as Exchange cmdlets print it. */
    public record Server(String name, String fqdn, String site, ExchangeVersion version) {
    }

    private final Map<String, Server> servers = new LinkedHashMap<>();
    private final Map<String, ExchangeOrganization.RpcArray> arrays = new LinkedHashMap<>();
    private final Map<String, List<String>> dags = new LinkedHashMap<>();
    /** server fqdn → kind → {internal, external} */
    private final Map<String, Map<String, String[]>> urls = new LinkedHashMap<>();
    private final Map<String, String> autodiscover = new LinkedHashMap<>();

    /**
     * The lab: cas1 and cas2 (2010, site Legacy, RPC array outlook.contoso.test; legacy.contoso.test for
     * EWS, OAB, Autodiscover and Outlook Anywhere, owa.contoso.test for OWA and ECP only); cas3 and cas4
     * (2016, Primary) and cas5 (2019, Recovery) in DAG1 behind mail.contoso.test and autodiscover.contoso.test.
     */
    public static SimulatedEstate lab() {
        SimulatedEstate e = new SimulatedEstate();
        for (String host : List.of("cas1", "cas2")) {
            String fqdn = host + ".contoso.test";
            e.server(fqdn, LEGACY, ExchangeVersion.EXCHANGE_2010);
            e.url(fqdn, "OWA", "https://owa.contoso.test/owa", "");
            e.url(fqdn, "ECP", "https://owa.contoso.test/ecp", "");
            e.url(fqdn, "EWS", "https://legacy.contoso.test/EWS/Exchange.asmx", "");
            e.url(fqdn, "OAB", "https://legacy.contoso.test/OAB", "");
            e.url(fqdn, "OUTLOOK_ANYWHERE", "", "legacy.contoso.test");
            e.autodiscover(fqdn, "https://legacy.contoso.test/Autodiscover/Autodiscover.xml");
        }
        e.rpcArray("outlook.contoso.test", LEGACY, "cas1.contoso.test", "cas2.contoso.test");
        e.server("cas3.contoso.test", PRIMARY, ExchangeVersion.EXCHANGE_2016);
        e.server("cas4.contoso.test", PRIMARY, ExchangeVersion.EXCHANGE_2016);
        e.server("cas5.contoso.test", RECOVERY, ExchangeVersion.EXCHANGE_2019);
        for (String host : List.of("cas3", "cas4", "cas5")) {
            e.mailUrls(host + ".contoso.test");
        }
        e.dag("DAG1", "cas3.contoso.test", "cas4.contoso.test", "cas5.contoso.test");
        return e;
    }

    /** Every client URL of a 2016+ server on mail.contoso.test, Autodiscover on autodiscover.contoso.test. */
    public synchronized SimulatedEstate mailUrls(String fqdn) {
        for (String kind : List.of("OWA", "ECP", "EWS", "OAB", "MAPI_HTTP")) {
            String path = switch (kind) {
            case "OWA" -> "/owa";
            case "ECP" -> "/ecp";
            case "EWS" -> "/EWS/Exchange.asmx";
            case "OAB" -> "/OAB";
            default -> "/mapi";
            };
            url(fqdn, kind, "https://mail.contoso.test" + path, "https://mail.contoso.test" + path);
        }
        url(fqdn, "OUTLOOK_ANYWHERE", "mail.contoso.test", "mail.contoso.test");
        return autodiscover(fqdn, "https://autodiscover.contoso.test/Autodiscover/Autodiscover.xml");
    }

    public synchronized SimulatedEstate server(String fqdn, String site, ExchangeVersion version) {
        String name = fqdn.substring(0, fqdn.indexOf('.')).toUpperCase(Locale.ROOT);
        servers.put(fqdn, new Server(name, fqdn, site, version));
        return this;
    }

    /** Decommissioned: the server and everything that named it are gone from the organization. */
    public synchronized SimulatedEstate remove(String fqdn) {
        Server gone = servers.remove(fqdn);
        urls.remove(fqdn);
        autodiscover.remove(fqdn);
        dags.replaceAll((dag, members) -> members.stream().filter(m -> !m.equals(fqdn)).toList());
        arrays.replaceAll((a, array) -> new ExchangeOrganization.RpcArray(array.fqdn(), array.site(),
                array.members().stream().filter(m -> gone == null || !m.equals(gone.name())).toList()));
        return this;
    }

    public synchronized SimulatedEstate rpcArray(String fqdn, String site, String... memberFqdns) {
        List<String> names = new ArrayList<>();
        for (String member : memberFqdns) {
            names.add(servers.get(member).name());
        }
        arrays.put(fqdn, new ExchangeOrganization.RpcArray(fqdn, site, names));
        return this;
    }

    public synchronized SimulatedEstate dag(String name, String... memberFqdns) {
        dags.put(name, List.of(memberFqdns));
        return this;
    }

    public synchronized SimulatedEstate joinDag(String name, String fqdn) {
        List<String> members = new ArrayList<>(dags.getOrDefault(name, List.of()));
        members.add(fqdn);
        dags.put(name, List.copyOf(members));
        return this;
    }

    /** A virtual directory's URLs (Outlook Anywhere: host names); empty for unset. */
    public synchronized SimulatedEstate url(String fqdn, String kind, String internal, String external) {
        urls.computeIfAbsent(fqdn, k -> new LinkedHashMap<>()).put(kind, new String[] { internal, external });
        return this;
    }

    public synchronized SimulatedEstate autodiscover(String fqdn, String internalUri) {
        autodiscover.put(fqdn, internalUri);
        return this;
    }

    public synchronized List<Server> servers() {
        return List.copyOf(servers.values());
    }

    /**
     * The SPNs an ASA would hold for this estate: http/ for each internal name of a virtual directory or
     * Autodiscover, exchangeMDB/RFR/AB for each RPC array. The simulators accept tickets for all of them
     * with the ASA keys deployed to them.
     */
    public synchronized List<String> namespaceSpns() {
        Set<String> spns = new LinkedHashSet<>();
        urls.values().forEach(kinds -> kinds.forEach((kind, pair) -> {
            for (String url : pair) {
                String host = host(url);
                if (!host.isEmpty() && !servers.containsKey(host)) {
                    spns.add("http/" + host);
                }
            }
        }));
        autodiscover.values().forEach(uri -> spns.add("http/" + host(uri)));
        arrays.keySet().forEach(a -> List.of("exchangeMDB/", "exchangeRFR/", "exchangeAB/").forEach(c -> spns.add(c + a)));
        return List.copyOf(spns);
    }

    /**
     * What Get-ExchangeServer, Get-ClientAccessServer/Service, Get-ClientAccessArray, Get-DatabaseAvailabilityGroup and the
     * Get-*VirtualDirectory cmdlets print.
     */
    synchronized ExchangeOrganization organization() {
        List<ExchangeOrganization.Server> list = servers.values().stream().map(s -> new ExchangeOrganization.Server(s.name(), s.fqdn(),
                s.site(), adminDisplayVersion(s.version()), roles(s.version()))).toList();
        List<ExchangeOrganization.ClientAccess> cas = servers.values().stream()
                .map(s -> new ExchangeOrganization.ClientAccess(s.name(), autodiscover.getOrDefault(s.fqdn(), ""))).toList();
        List<ExchangeOrganization.Dag> dagList = dags.entrySet().stream().map(d -> new ExchangeOrganization.Dag(d.getKey(),
                d.getValue().stream().filter(servers::containsKey).map(f -> servers.get(f).name()).toList())).toList();
        List<ExchangeOrganization.VirtualDirectory> vdirs = new ArrayList<>();
        urls.forEach((fqdn, kinds) -> kinds.forEach((kind, pair) -> vdirs.add(new ExchangeOrganization.VirtualDirectory(kind,
                servers.get(fqdn).name(), pair[0], pair[1]))));
        return new ExchangeOrganization(list, cas, List.copyOf(arrays.values()), dagList, vdirs);
    }

    /** The version string Exchange prints for each version (a recent build of each). */
    static String adminDisplayVersion(ExchangeVersion version) {
        return switch (version) {
        case EXCHANGE_2010 -> "Version 14.3 (Build 123.4)";
        case EXCHANGE_2013 -> "Version 15.0 (Build 1497.2)";
        case EXCHANGE_2016 -> "Version 15.1 (Build 2507.6)";
        case EXCHANGE_2019 -> "Version 15.2 (Build 1544.4)";
        case EXCHANGE_SE -> "Version 15.2 (Build 2562.17)";
        };
    }

    private static String roles(ExchangeVersion version) {
        return switch (version) {
        case EXCHANGE_2010 -> "Mailbox, ClientAccess, HubTransport";
        case EXCHANGE_2013 -> "Mailbox, ClientAccess";
        default -> "Mailbox";
        };
    }

    private static String host(String url) {
        if (url == null || url.isBlank()) {
            return "";
        }
        String rest = url.contains("://") ? url.substring(url.indexOf("://") + 3) : url;
        int end = rest.indexOf('/');
        return (end < 0 ? rest : rest.substring(0, end)).toLowerCase(Locale.ROOT);
    }
}
