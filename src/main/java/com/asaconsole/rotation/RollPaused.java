package com.asaconsole.rotation;

import com.asaconsole.deployment.JobPaused;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** A paused job that is a scheduled roll is a failed roll: the policy shows it and the people concerned hear of it. */
@Component
class RollPaused {

    private final Rolls rolls;
    private final RotationPolicies policies;
    private final ApplicationEventPublisher events;

    RollPaused(Rolls rolls, RotationPolicies policies, ApplicationEventPublisher events) {
        this.rolls = rolls;
        this.policies = policies;
        this.events = events;
    }

    @ApplicationModuleListener
    void on(JobPaused paused) {
        rolls.ofJob(paused.jobId()).ifPresent(roll -> {
            RotationPolicy policy = policies.find(roll.policyId()).orElseThrow();
            String reason = "The roll of " + policy.asa() + " (job #" + paused.jobId() + ", change #" + paused.changeId() + ") paused: "
                    + paused.reason();
            policies.observed(policy.id(), policy.passwordSetAt(), policy.nextDue(), reason + " Retry or abort it; no new roll starts meanwhile.");
            events.publishEvent(new RollFailed(policy.id(), policy.asa(), paused.changeId(), paused.jobId(), reason));
        });
    }
}
