package com.asaconsole.deployment;

import java.time.Instant;

/**
 * Something happened to a change or a job that other systems may want to hear of (webhooks; later e-mail):
 * change.submitted, change.approved, change.rejected, change.withdrawn, job.started, job.paused (a failure or a
 * cancel; {@code detail} says why), job.succeeded, job.aborted. Published synchronously in the deployment's own
 * transaction where it has one, so that what a listener records commits with it. Never carries a secret: the
 * operations' text stays on the change.
 *
 * @param jobId the job, or null for a change's event
 * @param status the change's or job's status after the event
 * @param contentHash the change's content hash (what an approval binds to)
 * @param detail the reason of a pause or a rejection's comment, else null
 */
public record DeploymentActivity(String event, long changeId, Long jobId, String status, String contentHash, String byName,
        String detail, Instant at) {
}
