package com.asaconsole.deployment;

import java.time.Instant;

/**
 * A plan version submitted for change: the operations it will run are frozen with it, and an
 * approval is bound to their content hash.
 *
 * @param status SUBMITTED, APPROVED or REJECTED
 */
public record ChangeRequest(long id, int planVersion, String planHash, String contentHash, String operations,
        String submittedById, String submittedByName, Instant submittedAt, String status, String decidedById,
        String decidedByName, Instant decidedAt, String comment, String approvedHash, Instant approvalExpires, int version) {

    public static final String SUBMITTED = "SUBMITTED";
    public static final String APPROVED = "APPROVED";
    public static final String REJECTED = "REJECTED";
}
