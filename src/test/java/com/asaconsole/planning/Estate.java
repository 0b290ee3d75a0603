package com.asaconsole.planning;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import com.asaconsole.topology.AsaKind;
import com.asaconsole.topology.ExchangeService;
import com.asaconsole.topology.ExchangeVersion;
import com.asaconsole.topology.NamespaceScope;
import com.asaconsole.topology.TopologySnapshot;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot.CasArrayInfo;
import com.asaconsole.topology.TopologySnapshot.ForestInfo;
import com.asaconsole.topology.TopologySnapshot.NamespaceInfo;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;
import com.asaconsole.topology.TopologySnapshot.SiteInfo;
import com.asaconsole.topology.WinRmAuth;
import com.asaconsole.topology.WindowsServer;

/** A small builder for topology snapshots in contoso.com, so each test reads like the estate it models. */
final class Estate {

    static final String FOREST = "contoso.com";
    static final String ASA = "CONTOSO\\EXCH-ASA$";
    static final String ASA_2016 = "CONTOSO\\EXCH16-ASA$";

    private final List<SiteInfo> sites = new ArrayList<>();
    private final List<ServerInfo> servers = new ArrayList<>();
    private final List<CasArrayInfo> arrays = new ArrayList<>();
    private final List<NamespaceInfo> namespaces = new ArrayList<>();
    private final List<AsaInfo> asas = new ArrayList<>();

    static Estate contoso() {
        Estate e = new Estate();
        e.sites.add(new SiteInfo(FOREST, "HQ"));
        e.sites.add(new SiteInfo(FOREST, "DR"));
        return e;
    }

    Estate asa(String name, AsaKind kind, Integer etypes, boolean neverExpires) {
        asas.add(new AsaInfo(name, FOREST, name.substring(name.indexOf('\\') + 1), kind, "OU=Service Accounts,DC=contoso,DC=com",
                etypes, neverExpires, 21));
        return this;
    }

    Estate asa(String name) {
        return asa(name, AsaKind.COMPUTER, 24, true);
    }

    Estate server(String host, ExchangeVersion version, String site, String asa) {
        return server(host, version, WindowsServer.WS2019, site, false, asa);
    }

    Estate server(String host, ExchangeVersion version, WindowsServer os, String site, boolean standby, String asa) {
        servers.add(new ServerInfo(host + "." + FOREST, FOREST, site, version, os, "http://" + host + "." + FOREST + "/PowerShell",
                WinRmAuth.KERBEROS, standby, asa));
        return this;
    }

    Estate namespace(String host, NamespaceScope scope, String site, List<ExchangeService> services, String... behind) {
        namespaces.add(new NamespaceInfo(host + "." + FOREST, scope, services.isEmpty() ? EnumSet.noneOf(ExchangeService.class)
                : EnumSet.copyOf(services), site, fqdns(behind)));
        return this;
    }

    /** A name served from several AD sites (a primary and a DR site). */
    Estate namespaceIn(String host, NamespaceScope scope, List<String> sites, List<ExchangeService> services, String... behind) {
        namespaces.add(new NamespaceInfo(host + "." + FOREST, scope, EnumSet.copyOf(services), sites, fqdns(behind)));
        return this;
    }

    Estate casArray(String host, String site, String... members) {
        arrays.add(new CasArrayInfo(host + "." + FOREST, site, fqdns(members)));
        return this;
    }

    TopologySnapshot snapshot() {
        return new TopologySnapshot(List.of(new ForestInfo(FOREST, "CONTOSO", "ldaps://dc01.contoso.com:636",
                "ldaps://dc01.contoso.com:3269", "OU=Service Accounts,DC=contoso,DC=com", "contoso-bind")), sites, servers, arrays,
                namespaces, asas);
    }

    private static List<String> fqdns(String... hosts) {
        return java.util.Arrays.stream(hosts).map(h -> h + "." + FOREST).toList();
    }
}
