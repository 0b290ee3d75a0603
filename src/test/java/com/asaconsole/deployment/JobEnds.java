package com.asaconsole.deployment;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Waiting in tests for a job to end: finished (succeeded, aborted, cancelled) or paused for a person. */
public final class JobEnds {

    private JobEnds() {
    }

    /** The job once it ended; an AssertionError with its state and log when it has not within {@code within}. */
    public static DeploymentJob await(Jobs jobs, long id, Duration within) {
        try {
            return Awaitility.await("job " + id + " ends").atMost(within).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .until(() -> jobs.find(id).orElseThrow(), job -> job.finished() || DeploymentJob.Status.PAUSED.equals(job.status()));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("job " + id + " did not end in " + within.toSeconds() + " s: " + jobs.find(id) + "\n" + jobs.log(id));
        }
    }
}
