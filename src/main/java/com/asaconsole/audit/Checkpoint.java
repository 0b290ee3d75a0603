package com.asaconsole.audit;

import java.time.Instant;

/**
 * A signed note that the chain once reached record {@code lastSeq} with hash {@code lastHash}.
 * The signature is HMAC-SHA256 with {@code asa.audit.checkpoint-key}; someone who can write the
 * database but does not hold the key cannot forge one, so deleting the newest records shows.
 */
public record Checkpoint(long id, Instant takenAt, long lastSeq, String lastHash, String signature) {
}
