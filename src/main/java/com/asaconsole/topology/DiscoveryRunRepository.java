package com.asaconsole.topology;

import org.springframework.data.repository.ListCrudRepository;

interface DiscoveryRunRepository extends ListCrudRepository<DiscoveryRun, Long> {
}
