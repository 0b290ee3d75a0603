package com.asaconsole.planning;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A stored plan: the snapshot and the computed plan as JSON, with the hash of their canonical rendering. Insert-only. */
@Table("plan_version")
record PlanVersion(@Id Long id, int number, String contentHash, String document, String createdBy, Instant createdAt) {
}
