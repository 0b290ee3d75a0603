package com.asaconsole.topology;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot.CasArrayInfo;
import com.asaconsole.topology.TopologySnapshot.ForestInfo;
import com.asaconsole.topology.TopologySnapshot.NamespaceInfo;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;
import com.asaconsole.topology.TopologySnapshot.SiteInfo;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The topology module's API: the modelled estate as a snapshot of plain values. */
@Service
public class Topology {

    private final ForestRepository forests;
    private final SiteRepository sites;
    private final AsaAccountRepository asas;
    private final ExchangeServerRepository servers;
    private final CasArrayRepository arrays;
    private final LbNamespaceRepository namespaces;

    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Topology(ForestRepository forests, SiteRepository sites, AsaAccountRepository asas, ExchangeServerRepository servers,
            CasArrayRepository arrays, LbNamespaceRepository namespaces, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.forests = forests;
        this.sites = sites;
        this.asas = asas;
        this.servers = servers;
        this.arrays = arrays;
        this.namespaces = namespaces;
    }

    private static final String FINGERPRINT = java.util.stream.IntStream.range(0, 6)
            .mapToObj(i -> "SELECT " + i + " AS part, COUNT(*), COALESCE(SUM(version), 0), COALESCE(MAX(id), 0) FROM "
                    + List.of("forest", "ad_site", "asa_account", "exchange_server", "cas_array", "lb_namespace").get(i))
            .collect(java.util.stream.Collectors.joining(" UNION ALL ", "", " ORDER BY part"));

    /**
     * Changes whenever the modelled estate changes, and costs one small query: per table the number
     * of rows, the sum of their versions and the highest id. Ids are never reused and versions only
     * grow, so no edit, addition or deletion leaves all three as they were. What a cache of anything
     * computed from {@link #snapshot()} is keyed by.
     */
    public String fingerprint() {
        // one statement, not one per table: asked on every dashboard and plan view
        StringBuilder sb = new StringBuilder();
        jdbc.sql(FINGERPRINT).query((rs, n) -> rs.getLong(2) + ":" + rs.getLong(3) + ":" + rs.getLong(4)).list()
                .forEach(part -> sb.append(part).append('/'));
        return sb.toString();
    }

    /** Everything modelled now, read in one transaction so the parts agree with each other. */
    @Transactional(readOnly = true)
    public TopologySnapshot snapshot() {
        Map<Long, Forest> forestById = ById.of(forests.findAll(), Forest::id);
        Map<Long, Site> siteById = ById.of(sites.findAll(), Site::id);
        Map<Long, AsaAccount> asaById = ById.of(asas.findAll(), AsaAccount::id);
        Map<Long, ExchangeServer> serverById = ById.of(servers.findAll(), ExchangeServer::id);

        List<ForestInfo> forestInfos = forestById.values().stream()
                .map(f -> new ForestInfo(f.dnsName(), f.netbiosName(), f.ldapsEndpoint(), f.globalCatalogEndpoint(), f.asaOu(),
                        f.credentialRef()))
                .sorted(Comparator.comparing(ForestInfo::dnsName)).toList();
        List<SiteInfo> siteInfos = siteById.values().stream()
                .map(s -> new SiteInfo(forestById.get(s.forestId()).dnsName(), s.name()))
                .sorted(Comparator.comparing(SiteInfo::forest).thenComparing(SiteInfo::name)).toList();
        List<AsaInfo> asaInfos = asaById.values().stream().map(a -> asaInfo(a, forestById.get(a.forestId())))
                .sorted(Comparator.comparing(AsaInfo::name)).toList();
        List<ServerInfo> serverInfos = serverById.values().stream().map(s -> {
            Site site = siteById.get(s.siteId());
            AsaAccount asa = s.asaAccountId() == null ? null : asaById.get(s.asaAccountId());
            return new ServerInfo(s.fqdn(), forestById.get(site.forestId()).dnsName(), site.name(), s.exchangeVersion(),
                    s.operatingSystem(), s.winrmEndpoint(), s.winrmAuth(), s.standby(),
                    asa == null ? null : asaName(asa, forestById.get(asa.forestId())));
        }).sorted(Comparator.comparing(ServerInfo::fqdn)).toList();
        List<CasArrayInfo> arrayInfos = arrays.findAll().stream()
                .map(a -> new CasArrayInfo(a.fqdn(), siteById.get(a.siteId()).name(),
                        a.members().stream().map(m -> serverById.get(m.serverId())).filter(Objects::nonNull)
                                .map(ExchangeServer::fqdn).sorted().toList()))
                .sorted(Comparator.comparing(CasArrayInfo::fqdn)).toList();
        List<NamespaceInfo> namespaceInfos = namespaces.findAll().stream()
                .map(n -> new NamespaceInfo(n.fqdn(), n.scope(), n.serviceSet(),
                        n.siteIds().stream().map(id -> siteById.get(id).name()).toList(),
                        n.servers().stream().map(b -> serverById.get(b.serverId())).filter(Objects::nonNull)
                                .map(ExchangeServer::fqdn).sorted().toList()))
                .sorted(Comparator.comparing(NamespaceInfo::fqdn)).toList();
        return new TopologySnapshot(forestInfos, siteInfos, serverInfos, arrayInfos, namespaceInfos, asaInfos);
    }

    /** How many of each kind of item are modelled, for the dashboard. */
    public record Counts(long forests, long sites, long asaAccounts, long servers, long standbyServers, long casArrays, long namespaces) {
        public boolean empty() {
            return forests == 0;
        }
    }

    @Transactional(readOnly = true)
    public Counts counts() {
        // counted by the database: the dashboard asks on every visit, and an estate may hold thousands of servers
        // in one statement: seven would be seven round trips per dashboard view
        return jdbc.sql("SELECT (SELECT COUNT(*) FROM forest), (SELECT COUNT(*) FROM ad_site), (SELECT COUNT(*) FROM asa_account), "
                + "(SELECT COUNT(*) FROM exchange_server), (SELECT COUNT(*) FROM exchange_server WHERE standby), "
                + "(SELECT COUNT(*) FROM cas_array), (SELECT COUNT(*) FROM lb_namespace)")
                .query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7))).single();
    }

    /**
     * The edit page of the item a finding or a picture names: a server or namespace or CAS array by FQDN, an ASA by
     * {@code NETBIOS\sam}, a site by name. The first word of {@code subject} is looked up; empty when nothing matches.
     */
    @Transactional(readOnly = true)
    public java.util.Optional<String> editPath(String subject) {
        if (subject == null || subject.isBlank()) {
            return java.util.Optional.empty();
        }
        String name = subject.strip().split("\\s+")[0];
        var server = servers.findByFqdnIgnoreCase(name);
        if (server.isPresent()) {
            return java.util.Optional.of("/topology/servers/" + server.get().id() + "/edit");
        }
        var namespace = namespaces.findByFqdnIgnoreCase(name);
        if (namespace.isPresent()) {
            return java.util.Optional.of("/topology/namespaces/" + namespace.get().id() + "/edit");
        }
        var array = arrays.findByFqdnIgnoreCase(name);
        if (array.isPresent()) {
            return java.util.Optional.of("/topology/cas-arrays/" + array.get().id() + "/edit");
        }
        if (name.contains("\\")) {
            String netbios = name.substring(0, name.indexOf('\\'));
            String sam = name.substring(name.indexOf('\\') + 1);
            return forests.findByNetbiosNameIgnoreCase(netbios)
                    .flatMap(f -> asas.findByForestIdAndSamAccountNameIgnoreCase(f.id(), sam))
                    .map(a -> "/topology/asa-accounts/" + a.id() + "/edit");
        }
        return java.util.Optional.empty();
    }

    static AsaInfo asaInfo(AsaAccount a, Forest forest) {
        return new AsaInfo(asaName(a, forest), forest.dnsName(), a.samAccountName(), a.kind(), a.ou(), a.encryptionTypes(),
                a.passwordNeverExpires(), a.rotationDays());
    }

    static String asaName(AsaAccount a, Forest forest) {
        return forest.netbiosName() + "\\" + a.samAccountName();
    }
}
