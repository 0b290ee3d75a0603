package com.asaconsole.topology;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.ListCrudRepository;

interface SiteRepository extends ListCrudRepository<Site, Long> {
    List<Site> findAllByOrderByNameAsc();
    Page<Site> findAllByOrderByNameAsc(Pageable page);
    Optional<Site> findByForestIdAndNameIgnoreCase(Long forestId, String name);
    long countByForestId(Long forestId);
}
