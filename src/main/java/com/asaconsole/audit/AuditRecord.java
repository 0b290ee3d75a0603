package com.asaconsole.audit;

import java.time.Instant;

/**
 * One stored audit record, as read back. {@code hash} is SHA-256 over the canonical form of every
 * other field including {@code prevHash}, the hash of record {@code seq - 1}.
 */
public record AuditRecord(long seq, Instant occurredAt, String actorId, String actorName, String sourceAddress,
        String action, String target, Outcome outcome, String correlation, String details, String prevHash, String hash) {
}
