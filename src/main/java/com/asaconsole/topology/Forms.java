package com.asaconsole.topology;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;

/** What the pages and the API accept for each kind of topology item; never bound to an entity. */
final class Forms {

    private Forms() {
    }

    record ForestForm(String dnsName, String netbiosName, String ldapsEndpoint, String globalCatalogEndpoint,
            String asaOu, String credentialRef, Integer version) {

        static ForestForm empty() {
            return new ForestForm("", "", "ldaps://", "ldaps://", "", "", null);
        }

        static ForestForm from(Forest f) {
            return new ForestForm(f.dnsName(), f.netbiosName(), f.ldapsEndpoint(), f.globalCatalogEndpoint(), f.asaOu(),
                    f.credentialRef(), f.version());
        }
    }

    record SiteForm(Long forestId, String name, Integer version) {

        static SiteForm empty() {
            return new SiteForm(null, "", null);
        }

        static SiteForm from(Site s) {
            return new SiteForm(s.forestId(), s.name(), s.version());
        }
    }

    record AsaForm(Long forestId, String samAccountName, AsaKind kind, String ou, Integer encryptionTypes,
            Boolean passwordNeverExpires, Integer rotationDays, Integer version) {

        boolean neverExpires() {
            return Boolean.TRUE.equals(passwordNeverExpires);
        }

        static AsaForm empty() {
            return new AsaForm(null, "", AsaKind.COMPUTER, "", 24, true, 21, null);
        }

        static AsaForm from(AsaAccount a) {
            return new AsaForm(a.forestId(), a.samAccountName(), a.kind(), a.ou(), a.encryptionTypes(),
                    a.passwordNeverExpires(), a.rotationDays(), a.version());
        }
    }

    record ServerForm(String fqdn, Long siteId, ExchangeVersion exchangeVersion, WindowsServer operatingSystem,
            String winrmEndpoint, WinRmAuth winrmAuth, Boolean standby, Long asaAccountId, Integer version) {

        boolean isStandby() {
            return Boolean.TRUE.equals(standby);
        }

        static ServerForm empty() {
            return new ServerForm("", null, ExchangeVersion.EXCHANGE_2019, WindowsServer.WS2019, "", WinRmAuth.KERBEROS,
                    false, null, null);
        }

        static ServerForm from(ExchangeServer s) {
            return new ServerForm(s.fqdn(), s.siteId(), s.exchangeVersion(), s.operatingSystem(), s.winrmEndpoint(),
                    s.winrmAuth(), s.standby(), s.asaAccountId(), s.version());
        }
    }

    record CasArrayForm(String fqdn, Long siteId, List<Long> memberIds, Integer version) {

        CasArrayForm {
            memberIds = memberIds == null ? List.of() : memberIds.stream().filter(java.util.Objects::nonNull).toList();
        }

        static CasArrayForm empty() {
            return new CasArrayForm("", null, List.of(), null);
        }

        static CasArrayForm from(CasArray a) {
            return new CasArrayForm(a.fqdn(), a.siteId(), a.members().stream().map(CasArray.Member::serverId).sorted().toList(),
                    a.version());
        }
    }

    /**
     * {@code siteIds}: every AD site the name is served from (a primary and a DR site share one name).
     * The JSON API also takes the older single {@code siteId}.
     */
    record NamespaceForm(String fqdn, NamespaceScope scope, Set<ExchangeService> services,
            @JsonAlias("siteId") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Long> siteIds,
            List<Long> serverIds, Integer version) {

        NamespaceForm {
            // a blank value in a form ("serverIds=") binds as a null element: dropped, not a NullPointerException (fuzzing found it)
            EnumSet<ExchangeService> chosen = EnumSet.noneOf(ExchangeService.class);
            if (services != null) {
                services.stream().filter(java.util.Objects::nonNull).forEach(chosen::add);
            }
            services = chosen;
            siteIds = siteIds == null ? List.of() : siteIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
            serverIds = serverIds == null ? List.of() : serverIds.stream().filter(java.util.Objects::nonNull).toList();
        }

        static NamespaceForm empty() {
            return new NamespaceForm("", NamespaceScope.BOTH, EnumSet.noneOf(ExchangeService.class), List.of(), List.of(), null);
        }

        static NamespaceForm from(LbNamespace n) {
            return new NamespaceForm(n.fqdn(), n.scope(), n.serviceSet(), n.siteIds(),
                    n.servers().stream().map(LbNamespace.Backend::serverId).sorted().toList(), n.version());
        }
    }
}
