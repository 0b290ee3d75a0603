package com.asaconsole.deployment;

import java.time.Instant;
import java.util.List;

/**
 * The run of one approved change.
 *
 * @param status QUEUED, RUNNING, INTERRUPTED (the console stopped mid-run; it re-checks before going on),
 *        PAUSED (a failure or a cancel: retry, skip or abort), SUCCEEDED or ABORTED
 * @param interruptions how often a console stopped while running it
 */
public record DeploymentJob(long id, long changeId, Status status, String reason, String startedById, String startedByName,
        Instant createdAt, Instant startedAt, Instant endedAt, String node, int runs, int interruptions, String cancelRequested,
        int version) {

    /**
     * Where a job is. The names are stored in {@code deployment_job.status} and shown by the API and the pages as they
     * are, so renaming a constant is a migration and an API change.
     */
    public enum Status {
        QUEUED, RUNNING,
        /** The console stopped mid-run; the next run re-checks before going on. */
        INTERRUPTED,
        /** A failure or a cancel: retry, skip or abort. */
        PAUSED, SUCCEEDED, ABORTED;

        public boolean finished() {
            return this == SUCCEEDED || this == ABORTED;
        }

        public boolean active() {
            return this == QUEUED || this == RUNNING || this == INTERRUPTED;
        }
    }

    /**
     * Where a step of a job, or one target of a step (a task), is. Stored in {@code job_step.status} and
     * {@code job_task.status} by these names.
     */
    public enum StepStatus {
        PENDING, RUNNING, DONE, FAILED, SKIPPED;

        /** Done or skipped: a run passes over it. */
        public boolean settled() {
            return this == DONE || this == SKIPPED;
        }
    }

    public boolean finished() {
        return status.finished();
    }

    public boolean active() {
        return status.active();
    }

    /** One step of the job, with its per-target tasks. */
    public record StepRun(int position, String key, String title, StepStatus status, Instant startedAt, Instant endedAt, String message,
            List<TaskRun> tasks) {
    }

    /** One target of a step. {@code applied} is false when the precheck found the work already done. */
    public record TaskRun(String target, StepStatus status, int attempts, Instant startedAt, Instant endedAt, String message,
            boolean applied) {
    }

    public record LogLine(long id, Instant at, Integer position, String target, String line) {
    }
}
