package com.asaconsole.rotation;

/**
 * A scheduled roll stopped before it finished: its job paused (a member failed, so AD was not
 * changed when the failure came before the reset) or it could not be created or started. The reason
 * is a sentence without secrets.
 *
 * @param changeId the roll's change, or null when none could be created
 * @param jobId the roll's job, or null when none started
 */
public record RollFailed(long policyId, String asa, Long changeId, Long jobId, String reason) {
}
