package com.asaconsole.topology;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface CasArrayRepository extends ListCrudRepository<CasArray, Long> {
    List<CasArray> findAllByOrderByFqdnAsc();
    Page<CasArray> findAllByOrderByFqdnAsc(Pageable page);
    Optional<CasArray> findByFqdnIgnoreCase(String fqdn);
    List<CasArray> findBySiteId(Long siteId);

    @Query("SELECT a.* FROM cas_array a JOIN cas_array_member m ON m.cas_array_id = a.id WHERE m.server_id = :serverId ORDER BY a.fqdn")
    List<CasArray> findContainingServer(Long serverId);
}
