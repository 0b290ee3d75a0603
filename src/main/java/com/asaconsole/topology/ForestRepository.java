package com.asaconsole.topology;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.ListCrudRepository;

interface ForestRepository extends ListCrudRepository<Forest, Long> {
    List<Forest> findAllByOrderByDnsNameAsc();
    Page<Forest> findAllByOrderByDnsNameAsc(Pageable page);
    Optional<Forest> findByDnsNameIgnoreCase(String dnsName);
    Optional<Forest> findByNetbiosNameIgnoreCase(String netbiosName);
}
