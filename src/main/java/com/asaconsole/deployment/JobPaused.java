package com.asaconsole.deployment;

/**
 * A job stopped and waits for a person (a failed step, a cancel, operations that differ from the
 * approved ones, an unexpected stop). The reason is the sentence the job's page shows; it never
 * holds a secret (the job log's rule).
 */
public record JobPaused(long jobId, long changeId, String reason) {
}
