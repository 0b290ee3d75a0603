package com.asaconsole.planning;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.Repository;

/** Insert and read only: there is deliberately no update or delete. */
interface PlanVersionRepository extends Repository<PlanVersion, Long> {

    PlanVersion save(PlanVersion version);

    Optional<PlanVersion> findByNumber(int number);

    Optional<PlanVersion> findFirstByOrderByNumberDesc();

    List<PlanVersion> findAllByOrderByNumberDesc();
}
