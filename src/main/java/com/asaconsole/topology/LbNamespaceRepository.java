package com.asaconsole.topology;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface LbNamespaceRepository extends ListCrudRepository<LbNamespace, Long> {
    List<LbNamespace> findAllByOrderByFqdnAsc();
    Page<LbNamespace> findAllByOrderByFqdnAsc(Pageable page);
    Optional<LbNamespace> findByFqdnIgnoreCase(String fqdn);
    @Query("SELECT n.* FROM lb_namespace n JOIN lb_namespace_site s ON s.lb_namespace_id = n.id WHERE s.site_id = :siteId ORDER BY n.fqdn")
    List<LbNamespace> findBySiteId(Long siteId);

    @Query("SELECT n.* FROM lb_namespace n JOIN lb_namespace_server s ON s.lb_namespace_id = n.id WHERE s.server_id = :serverId ORDER BY n.fqdn")
    List<LbNamespace> findServedBy(Long serverId);
}
