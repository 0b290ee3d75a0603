package com.asaconsole.deployment;

import java.time.Instant;

/**
 * A plan version submitted for change: the operations it will run are frozen with it, and an
 * approval is bound to their content hash.
 *
 * @param status SUBMITTED, APPROVED, REJECTED or WITHDRAWN
 * @param steps the wizard steps it runs (a deployment) or the rollback steps (a rollback), in order
 * @param kind DEPLOY, or ROLLBACK of the job {@code rollbackOf}
 * @param members the servers its remote steps work on, or empty for every member of the plan
 */
public record ChangeRequest(long id, int planVersion, String planHash, String contentHash, String operations,
        String submittedById, String submittedByName, Instant submittedAt, String status, String decidedById,
        String decidedByName, Instant decidedAt, String comment, String approvedHash, Instant approvalExpires, int version,
        java.util.List<String> steps, String kind, Long rollbackOf, java.util.List<String> members) {

    public static final String DEPLOY = "DEPLOY";
    public static final String ROLLBACK = "ROLLBACK";

    public boolean scoped() {
        return !members.isEmpty();
    }

    public boolean rollback() {
        return ROLLBACK.equals(kind);
    }

    public static final String SUBMITTED = "SUBMITTED";
    public static final String APPROVED = "APPROVED";
    public static final String REJECTED = "REJECTED";
    public static final String WITHDRAWN = "WITHDRAWN";
}
