package com.asaconsole.topology;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * What the pages and the API accept for a load-balanced namespace; never bound to an entity.
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
