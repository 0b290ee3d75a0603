package com.asaconsole.topology;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.ListCrudRepository;

interface AsaAccountRepository extends ListCrudRepository<AsaAccount, Long> {
    List<AsaAccount> findAllByOrderBySamAccountNameAsc();
    Page<AsaAccount> findAllByOrderBySamAccountNameAsc(Pageable page);
    Optional<AsaAccount> findByForestIdAndSamAccountNameIgnoreCase(Long forestId, String samAccountName);
    long countByForestId(Long forestId);
}
