package com.asaconsole.identity;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.PagingAndSortingRepository;

interface LocalAccountRepository
        extends ListCrudRepository<LocalAccount, Long>, PagingAndSortingRepository<LocalAccount, Long> {

    Optional<LocalAccount> findByUsernameIgnoreCase(String username);

    Page<LocalAccount> findAllByOrderByUsernameAsc(Pageable pageable);
}
