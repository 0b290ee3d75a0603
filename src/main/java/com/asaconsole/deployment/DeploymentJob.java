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
public record DeploymentJob(long id, long changeId, String status, String reason, String startedById, String startedByName,
        Instant createdAt, Instant startedAt, Instant endedAt, String node, int runs, int interruptions, String cancelRequested,
        int version) {

    public static final String QUEUED = "QUEUED";
    public static final String RUNNING = "RUNNING";
    public static final String INTERRUPTED = "INTERRUPTED";
    public static final String PAUSED = "PAUSED";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String ABORTED = "ABORTED";

    public boolean finished() {
        return SUCCEEDED.equals(status) || ABORTED.equals(status);
    }

    public boolean active() {
        return QUEUED.equals(status) || RUNNING.equals(status) || INTERRUPTED.equals(status);
    }

    /** One step of the job, with its per-target tasks. Status PENDING, RUNNING, DONE, FAILED or SKIPPED. */
    public record StepRun(int position, String key, String title, String status, Instant startedAt, Instant endedAt, String message,
            List<TaskRun> tasks) {
    }

    /** One target of a step. {@code applied} is false when the precheck found the work already done. */
    public record TaskRun(String target, String status, int attempts, Instant startedAt, Instant endedAt, String message,
            boolean applied) {
    }

    public record LogLine(long id, Instant at, Integer position, String target, String line) {
    }
}
