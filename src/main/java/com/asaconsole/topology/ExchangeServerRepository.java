package com.asaconsole.topology;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.ListCrudRepository;

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
