package com.asaconsole.topology;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** A load-balanced name clients use, the services it carries, the AD sites it is served from and the servers behind it. */
@Table("lb_namespace")
record LbNamespace(@Id Long id, String fqdn, NamespaceScope scope, String services,
        @MappedCollection(idColumn = "lb_namespace_id") Set<SiteRef> sites,
        @MappedCollection(idColumn = "lb_namespace_id") Set<Backend> servers, @Version Integer version) {

    @Table("lb_namespace_server")
    record Backend(Long serverId) {
    }

    @Table("lb_namespace_site")
    record SiteRef(Long siteId) {
    }

    java.util.List<Long> siteIds() {
        return sites.stream().map(SiteRef::siteId).sorted().toList();
    }

    Set<ExchangeService> serviceSet() {
        if (services == null || services.isBlank()) {
            return EnumSet.noneOf(ExchangeService.class);
        }
        return Arrays.stream(services.split(",")).map(String::trim).map(ExchangeService::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ExchangeService.class)));
    }

    static String encode(Set<ExchangeService> services) {
        return services.stream().sorted().map(ExchangeService::name).collect(Collectors.joining(","));
    }
}
