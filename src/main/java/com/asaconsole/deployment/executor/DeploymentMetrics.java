package com.asaconsole.deployment.executor;

import com.asaconsole.deployment.ChangeRequest;
import com.asaconsole.deployment.DeploymentJob;
import java.time.Duration;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What Prometheus learns about changes and jobs (docs/operations.md, docs/grafana-asa-console.json): each run of a
 * job by how it ended and how long it took, each step by its key and outcome, and how long changes waited for a
 * reviewer's decision. Tags are bounded: step keys, statuses and decisions come from the code, never from input.
 */
@Component
public class DeploymentMetrics {

    private final MeterRegistry registry;

    DeploymentMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** How a step of a job ended, as the {@code outcome} tag names it. */
    public enum StepOutcome {
        DONE, FAILED,
        /** A cancel stopped the step mid-way; it waits as PENDING. */
        CANCELLED
    }

    /** A run of a job ended: SUCCEEDED, PAUSED, ABORTED, RUNNING when the node stopped mid-run, or null (GONE) when the job is no more. */
    public void runEnded(DeploymentJob.Status outcome, Duration took) {
        Timer.builder("asa.job.runs").description("Runs of deployment jobs by how they ended").tag("outcome", outcome == null ? "GONE" : outcome.name())
                .register(registry).record(took);
    }

    /** A step of a job ended. */
    public void stepEnded(String step, StepOutcome outcome, Duration took) {
        Timer.builder("asa.job.steps").description("Steps of deployment jobs by step and outcome").tag("step", step)
                .tag("outcome", outcome.name()).register(registry).record(took);
    }

    /** A reviewer decided (APPROVED or REJECTED) after the change waited this long. */
    public void decided(ChangeRequest.Status decision, Duration waited) {
        Timer.builder("asa.change.approval.wait").description("Time from submission to a reviewer's decision")
                .tag("decision", decision.name()).register(registry).record(waited);
    }
}
