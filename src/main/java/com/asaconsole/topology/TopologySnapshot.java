package com.asaconsole.topology;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * The whole modelled estate at one moment, as plain values: what the planner reads. References are
 * by name (forest DNS name, site name, server FQDN, ASA account {@code NETBIOS\sam}), so a snapshot
 * reads the same whatever the database ids were.
 */
public record TopologySnapshot(
        List<ForestInfo> forests,
        List<SiteInfo> sites,
        List<ServerInfo> servers,
        List<CasArrayInfo> casArrays,
        List<NamespaceInfo> namespaces,
        List<AsaInfo> asaAccounts) {

    public TopologySnapshot {
        forests = List.copyOf(forests);
        sites = List.copyOf(sites);
        servers = List.copyOf(servers);
        casArrays = List.copyOf(casArrays);
        namespaces = List.copyOf(namespaces);
        asaAccounts = List.copyOf(asaAccounts);
    }

    public record ForestInfo(String dnsName, String netbiosName, String ldapsEndpoint, String globalCatalogEndpoint,
            String asaOu, String credentialRef) {
    }

    public record SiteInfo(String forest, String name) {
    }

    /** {@code asa} is the {@code NETBIOS\sam} of the ASA account the server is planned to hold, or null. */
    public record ServerInfo(String fqdn, String forest, String site, ExchangeVersion version, WindowsServer os,
            String winrmEndpoint, WinRmAuth winrmAuth, boolean standby, String asa) {

        /** The server's name as Exchange cmdlets take it: the first DNS label, upper case. */
        public String shortName() {
            int dot = fqdn.indexOf('.');
            return (dot < 0 ? fqdn : fqdn.substring(0, dot)).toUpperCase(java.util.Locale.ROOT);
        }
    }

    public record CasArrayInfo(String fqdn, String site, List<String> members) {
        public CasArrayInfo {
            members = List.copyOf(members);
        }
    }

    /**
     * {@code sites}: the AD sites the name is served from, sorted; one for most names, several when a
     * DR site answers it too. Plan versions stored before namespaces could span sites wrote a single
     * {@code site}: it reads as a list of one.
     */
    public record NamespaceInfo(String fqdn, NamespaceScope scope, Set<ExchangeService> services,
            @JsonAlias("site") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> sites,
            List<String> servers) {
        public NamespaceInfo {
            services = Set.copyOf(services);
            sites = sites.stream().sorted().toList();
            servers = List.copyOf(servers);
        }

        /** A name served from one site. */
        public NamespaceInfo(String fqdn, NamespaceScope scope, Set<ExchangeService> services, String site, List<String> servers) {
            this(fqdn, scope, services, List.of(site), servers);
        }
    }

    /**
     * {@code encryptionTypes} is msDS-SupportedEncryptionTypes, null when unset. {@code name} is
     * {@code NETBIOS\sam}.
     */
    public record AsaInfo(String name, String forest, String samAccountName, AsaKind kind, String ou,
            Integer encryptionTypes, boolean passwordNeverExpires, int rotationDays) {
    }
}
