package com.asaconsole.audit;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Audit trail settings under {@code asa.audit}.
 *
 * @param checkpointKey the HMAC-SHA256 key that seals every record and signs the chain-head checkpoints (at
 *        least 32 characters, e.g. {@code openssl rand -base64 32}); every node of a cluster needs the same one
 * @param checkpointKeyFile where the key is made at first start and kept when {@code checkpointKey} is not set
 *        (owner-only, beside the data, never in the database)
 * @param checkpointInterval how often the chain head is checkpointed
 * @param pageSize records per page in the reviewer views and the JSON API
 * @param fetchSize rows fetched per round trip when exporting or verifying
 * @param signInFailureWindow failed sign-ins of one name from one address within this time are recorded
 *        as the first one and then one counted record
 * @param searchWindow records one page of an actor or target search (any part, any case; no index serves it) reads at
 *        most, newest first; "Older" goes on with the next window, so a page never reads the whole trail
 */
@Validated
@ConfigurationProperties("asa.audit")
record AuditProperties(
        String checkpointKey,
        @NotNull @DefaultValue("./data/audit-checkpoint.key") String checkpointKeyFile,
        @NotNull @DefaultValue("5m") Duration checkpointInterval,
        @Min(1) @Max(500) @DefaultValue("50") int pageSize,
        @Min(10) @DefaultValue("1000") int fetchSize,
        @NotNull @DefaultValue("1m") Duration signInFailureWindow,
        @Min(1000) @DefaultValue("50000") int searchWindow) {

    AuditProperties {
        if (checkpointKey != null && !checkpointKey.isBlank() && checkpointKey.length() < 32) {
            throw new IllegalArgumentException("asa.audit.checkpoint-key must be at least 32 characters");
        }
    }

    @Override
    public String toString() {
        return "AuditProperties[checkpointKey=" + (checkpointKey != null && !checkpointKey.isBlank() ? "****" : "unset")
                + ", checkpointKeyFile=" + checkpointKeyFile + ", checkpointInterval="
                + checkpointInterval + ", pageSize=" + pageSize + ", fetchSize=" + fetchSize + ", signInFailureWindow=" + signInFailureWindow + ", "
                        + "searchWindow=" + searchWindow + "]";
    }
}
