package com.asaconsole.deployment;

import java.time.Instant;

/**
 * A plan version submitted for change: the operations it will run are frozen with it, and an
 * approval is bound to their content hash.
 *
 * @param steps the wizard steps it runs (a deployment) or the rollback steps (a rollback), in order
 * @param kind DEPLOY, or ROLLBACK of the job {@code rollbackOf}
 * @param members the servers its remote steps work on, or empty for every member of the plan
 */
public record ChangeRequest(long id, int planVersion, String planHash, String contentHash, String operations,
        String submittedById, String submittedByName, Instant submittedAt, Status status, String decidedById,
        String decidedByName, Instant decidedAt, String comment, String approvedHash, Instant approvalExpires, int version,
        java.util.List<String> steps, Kind kind, Long rollbackOf, java.util.List<String> members) {

    /**
     * Where a change is in review. The names are stored in {@code change_request.status} and shown by the API and the
     * pages as they are, so renaming a constant is a migration and an API change.
     */
    public enum Status {
        SUBMITTED, APPROVED, REJECTED, WITHDRAWN;

        /** Submitted or approved: it may still be reviewed, run or withdrawn. */
        public boolean open() {
            return this == SUBMITTED || this == APPROVED;
        }
    }

    /** What a change does: a deployment of wizard steps, or the rollback of an aborted job. Stored in {@code change_request.kind}. */
    public enum Kind {
        DEPLOY, ROLLBACK
    }

    public boolean scoped() {
        return !members.isEmpty();
    }

    public boolean rollback() {
        return kind == Kind.ROLLBACK;
    }
}
