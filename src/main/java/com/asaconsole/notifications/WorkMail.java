package com.asaconsole.notifications;

import com.asaconsole.deployment.ChangeRequest;
import com.asaconsole.deployment.ChangeSubmitted;
import com.asaconsole.deployment.JobPaused;
import com.asaconsole.rotation.RollDue;
import com.asaconsole.rotation.RollFailed;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells people when work waits for them: a change to review, a paused job, a scheduled roll at risk or failed.
 * Each runs after the publishing transaction committed. Messages hold ids, names and the sentence
 * the console shows, never operations' secrets (the job log's and audit trail's rule: none are in
 * those sentences) and never a password.
 */
@Component
class WorkMail {

    private final Outbox outbox;

    WorkMail(Outbox outbox) {
        this.outbox = outbox;
    }

    @ApplicationModuleListener
    void on(ChangeSubmitted change) {
        String what = change.kind() == ChangeRequest.Kind.ROLLBACK ? "rollback" : "change";
        outbox.send(NotifyProperties.CHANGE_SUBMITTED, "Change #" + change.changeId() + " awaits your review",
                change.submittedBy() + " submitted " + what + " #" + change.changeId() + " of plan version " + change.planVersion()
                        + (change.steps().isEmpty() ? "" : " (steps: " + String.join(", ", change.steps()) + ")")
                        + ". A second person reviews its exact operations and approves or rejects it:\n\n"
                        + outbox.link("/changes/" + change.changeId()) + "\n");
    }

    @ApplicationModuleListener
    void on(JobPaused job) {
        outbox.send(NotifyProperties.JOB_PAUSED, "Job #" + job.jobId() + " of change #" + job.changeId() + " paused",
                "Job #" + job.jobId() + " (change #" + job.changeId() + ") stopped and waits for an admin:\n\n" + job.reason()
                        + "\n\nRetry, skip the step or abort it: " + outbox.link("/jobs/" + job.jobId()) + "\n");
    }

    @ApplicationModuleListener
    void on(RollDue roll) {
        outbox.send(NotifyProperties.ROLL_DUE, "Password roll of " + roll.asa() + " due " + roll.due() + " is at risk",
                "The password roll of " + roll.asa() + " under rotation policy #" + roll.policyId() + " is due " + roll.due()
                        + " and, as things stand, would not run through:\n\n" + roll.reason() + "\n\n"
                        + "The rolls and what blocks them: " + outbox.link("/rotation") + "\n");
    }

    @ApplicationModuleListener
    void on(RollFailed roll) {
        outbox.send(NotifyProperties.ROLL_FAILED, "Password roll of " + roll.asa() + " failed",
                "The scheduled password roll of " + roll.asa() + " under rotation policy #" + roll.policyId() + " did not finish:\n\n"
                        + roll.reason() + "\n\n"
                        + (roll.jobId() != null ? "The job: " + outbox.link("/jobs/" + roll.jobId()) + "\n" : "")
                        + "The rolls and what blocks them: " + outbox.link("/") + "\n");
    }
}
