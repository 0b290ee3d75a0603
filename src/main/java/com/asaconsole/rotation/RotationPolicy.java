package com.asaconsole.rotation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A standing approval of one ASA's password roll. What the reviewer approves is its content hash:
 * the ASA, the members, the steps, their rendered operations, the interval and the validity.
 *
 * @param planVersion the plan version the roll was rendered from when submitted
 * @param passwordSetAt the ASA's pwdLastSet as the last rotation round read it (null: not read yet)
 * @param nextDue when the next roll is due (pwdLastSet + interval), as last read
 * @param blocked why a roll can't run now, in a sentence (null: nothing known in its way)
 */
public record RotationPolicy(long id, String asa, int planVersion, List<String> steps, List<String> members, String operations,
        Duration interval, Instant validUntil, String contentHash, Status status, String submittedById, String submittedByName,
        Instant submittedAt, String decidedById, String decidedByName, Instant decidedAt, String voidReason, int version,
        Instant passwordSetAt, Instant nextDue, Instant checkedAt, String blocked) {

    /** Where a policy is. Stored in {@code rotation_policy.status} by these names (ADR 44's rule): renaming one is a migration. */
    public enum Status {
        SUBMITTED, APPROVED, REJECTED,
        /** Replaced by a newer policy of the same ASA, or its roll can no longer run as approved. */
        VOID,
        /** Taken back by a reviewer: no roll is created under it any more. */
        REVOKED;

        /** Submitted or approved: it can still be revoked. */
        public boolean open() {
            return this == SUBMITTED || this == APPROVED;
        }
    }

    /** "Policy #3", as audit records and messages name it. */
    public String name() {
        return "rotation policy #" + id;
    }

    public boolean expired(Instant now) {
        return now.isAfter(validUntil);
    }
}
