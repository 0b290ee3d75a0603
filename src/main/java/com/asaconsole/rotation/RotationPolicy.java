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
        Duration interval, Instant validUntil, String contentHash, String status, String submittedById, String submittedByName,
        Instant submittedAt, String decidedById, String decidedByName, Instant decidedAt, String voidReason, int version,
        Instant passwordSetAt, Instant nextDue, Instant checkedAt, String blocked) {

    public static final String SUBMITTED = "SUBMITTED";
    public static final String APPROVED = "APPROVED";
    public static final String REJECTED = "REJECTED";
    public static final String VOID = "VOID";
    /** Taken back by a reviewer: no roll is created under it any more. */
    public static final String REVOKED = "REVOKED";

    /** "Policy #3", as audit records and messages name it. */
    public String name() {
        return "rotation policy #" + id;
    }

    public boolean expired(Instant now) {
        return now.isAfter(validUntil);
    }
}
