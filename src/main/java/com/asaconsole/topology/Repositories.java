package com.asaconsole.topology;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface ForestRepository extends ListCrudRepository<Forest, Long> {
    List<Forest> findAllByOrderByDnsNameAsc();
    Page<Forest> findAllByOrderByDnsNameAsc(Pageable page);
    Optional<Forest> findByDnsNameIgnoreCase(String dnsName);
    Optional<Forest> findByNetbiosNameIgnoreCase(String netbiosName);
}

interface SiteRepository extends ListCrudRepository<Site, Long> {
    List<Site> findAllByOrderByNameAsc();
    Page<Site> findAllByOrderByNameAsc(Pageable page);
    Optional<Site> findByForestIdAndNameIgnoreCase(Long forestId, String name);
    long countByForestId(Long forestId);
}

interface AsaAccountRepository extends ListCrudRepository<AsaAccount, Long> {
    List<AsaAccount> findAllByOrderBySamAccountNameAsc();
    Page<AsaAccount> findAllByOrderBySamAccountNameAsc(Pageable page);
    Optional<AsaAccount> findByForestIdAndSamAccountNameIgnoreCase(Long forestId, String samAccountName);
    long countByForestId(Long forestId);
}

interface ExchangeServerRepository extends ListCrudRepository<ExchangeServer, Long> {
    List<ExchangeServer> findAllByOrderByFqdnAsc();
    Page<ExchangeServer> findAllByOrderByFqdnAsc(Pageable page);
    long countByAsaAccountId(Long asaAccountId);
    long countByStandbyTrue();
    List<ExchangeServer> findFirst5ByAsaAccountIdOrderByFqdnAsc(Long asaAccountId);
    Optional<ExchangeServer> findByFqdnIgnoreCase(String fqdn);
    List<ExchangeServer> findBySiteId(Long siteId);
    List<ExchangeServer> findByAsaAccountId(Long asaAccountId);
}

interface CasArrayRepository extends ListCrudRepository<CasArray, Long> {
    List<CasArray> findAllByOrderByFqdnAsc();
    Page<CasArray> findAllByOrderByFqdnAsc(Pageable page);
    Optional<CasArray> findByFqdnIgnoreCase(String fqdn);
    List<CasArray> findBySiteId(Long siteId);

    @Query("SELECT a.* FROM cas_array a JOIN cas_array_member m ON m.cas_array_id = a.id WHERE m.server_id = :serverId ORDER BY a.fqdn")
    List<CasArray> findContainingServer(Long serverId);
}

interface LbNamespaceRepository extends ListCrudRepository<LbNamespace, Long> {
    List<LbNamespace> findAllByOrderByFqdnAsc();
    Page<LbNamespace> findAllByOrderByFqdnAsc(Pageable page);
    Optional<LbNamespace> findByFqdnIgnoreCase(String fqdn);
    @Query("SELECT n.* FROM lb_namespace n JOIN lb_namespace_site s ON s.lb_namespace_id = n.id WHERE s.site_id = :siteId ORDER BY n.fqdn")
    List<LbNamespace> findBySiteId(Long siteId);

    @Query("SELECT n.* FROM lb_namespace n JOIN lb_namespace_server s ON s.lb_namespace_id = n.id WHERE s.server_id = :serverId ORDER BY n.fqdn")
    List<LbNamespace> findServedBy(Long serverId);
}

interface DiscoveryRunRepository extends ListCrudRepository<DiscoveryRun, Long> {
}
