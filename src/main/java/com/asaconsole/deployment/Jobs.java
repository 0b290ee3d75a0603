package com.asaconsole.deployment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.asaconsole.deployment.changes.ChangeRenderer;
import com.asaconsole.deployment.executor.JobRunner;
import com.asaconsole.deployment.executor.JobStore;
import com.asaconsole.deployment.steps.ChangeOperations;
import com.asaconsole.deployment.steps.ChangeScope;
import com.asaconsole.deployment.steps.JobScope;
import com.asaconsole.deployment.steps.Step;
import com.asaconsole.deployment.steps.StepCatalog;
import com.asaconsole.deployment.steps.StepFailed;
import com.asaconsole.audit.Actor;
import com.asaconsole.audit.AuditEvent;
import com.asaconsole.audit.AuditTrail;
import com.asaconsole.deployment.DeploymentJob.LogLine;
import com.asaconsole.deployment.DeploymentJob.Status;
import com.asaconsole.deployment.DeploymentJob.StepRun;
import com.asaconsole.deployment.DeploymentJob.StepStatus;
import com.asaconsole.identity.ConsoleUser;
import com.asaconsole.identity.Role;
import com.asaconsole.planning.PlanVersions;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin's commands on jobs: run an approved change, cancel, and after a pause retry, skip the
 * failed step, or abort (which submits the rollback as a new change for review).
 */
@Service
public class Jobs {

    private final JobStore store;
    private final ChangeRequests changes;
    private final StepCatalog catalog;
    private final JobRunner runner;
    private final AuditTrail audit;
    private final SchedulerClient scheduler;
    private final CustomTask<Void> task;

    private final ChangeRenderer renderer;
    private final PlanVersions plans;
    private final org.springframework.context.ApplicationEventPublisher events;

    Jobs(JobStore store, ChangeRequests changes, StepCatalog catalog, JobRunner runner, AuditTrail audit,
            SchedulerClient scheduler, CustomTask<Void> task, ChangeRenderer renderer, PlanVersions plans,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.renderer = renderer;
        this.plans = plans;
        this.store = store;
        this.changes = changes;
        this.catalog = catalog;
        this.runner = runner;
        this.audit = audit;
        this.scheduler = scheduler;
        this.task = task;
    }

    public Optional<DeploymentJob> find(long id) {
        return store.find(id);
    }

    public Optional<DeploymentJob> forChange(long changeId) {
        return store.forChange(changeId);
    }

    public List<DeploymentJob> recent() {
        return store.recent(50);
    }

    public List<StepRun> steps(long jobId) {
        return store.steps(jobId);
    }

    public List<LogLine> log(long jobId) {
        return store.log(jobId, 0);
    }

    /**
     * Queues the job of an approved change. Exactly one job per change: a second click (or a second
     * admin) gets the same job.
     */
    @Transactional
    public DeploymentJob start(long changeId, ConsoleUser by) {
        requireAdmin(by);
        Optional<DeploymentJob> existing = store.forChange(changeId);
        if (existing.isPresent()) {
            return existing.get();
        }
        changes.whyNotRunnable(changeId).ifPresent(reason -> {
            throw new ChangeRefused(reason);
        });
        ChangeRequest change = changes.find(changeId).orElseThrow();
        Actor actor = new Actor(by.stableId(), by.displayName());
        List<Step> steps = change.rollback() ? catalog.forRollback() : catalog.forWizardSteps(change.steps());
        long jobId;
        try {
            // targets come from the frozen plan version (and, for a rollback, from what the aborted job applied)
            JobScope scope = runner.scope(0, change, actor);
            List<JobStore.Planned> planned = steps.stream().map(s -> new JobStore.Planned(s.key(), s.title(), s.targets(scope.change())))
                    .filter(p -> !change.rollback() || !p.targets().isEmpty()).toList();
            jobId = store.create(changeId, by.stableId(), by.displayName(), planned);
        } catch (DuplicateKeyException e) {
            return store.forChange(changeId).orElseThrow();
        } catch (StepFailed e) {
            throw new ChangeRefused(e.getMessage());
        }
        DeploymentJob job = store.find(jobId).orElseThrow();
        record("job.queued", job, by, "steps", String.join(",", change.steps()));
        scheduler.scheduleIfNotExists(task.instance(Long.toString(jobId)), Instant.now());
        return job;
    }

    /** Stops the job at the next safe point (between targets); it pauses and can be retried or aborted. */
    @Transactional
    public void cancel(long jobId, ConsoleUser by) {
        requireAdmin(by);
        DeploymentJob job = job(jobId);
        if (!job.active()) {
            throw new ChangeRefused("Job " + jobId + " is " + job.status().name().toLowerCase() + "; only a queued or running job can be cancelled.");
        }
        store.requestCancel(jobId, by.displayName());
        store.log(jobId, null, null, "Cancel requested by " + by.displayName() + "; the job stops before its next target.");
        record("job.cancel-requested", job, by, null, null);
    }

    /** Runs the failed step again: its prechecks decide what is left to do. */
    @Transactional
    public void retry(long jobId, ConsoleUser by) {
        resume(jobId, by, StepStatus.PENDING, "job.retried");
    }

    /** Marks the failed step skipped and goes on with the next one. */
    @Transactional
    public void skip(long jobId, ConsoleUser by) {
        requireAdmin(by);
        List<StepRun> steps = store.steps(jobId);
        Optional<StepRun> failed = steps.stream().filter(s -> s.status() == StepStatus.FAILED).findFirst();
        if (failed.isEmpty()) {
            throw new ChangeRefused("Job " + jobId + " has no failed step to skip.");
        }
        boolean resetFollows = steps.stream().anyMatch(s -> s.position() > failed.get().position() && s.key().equals("reset-password"));
        if (failed.get().key().equals("deploy-credential") && resetFollows) {
            throw new ChangeRefused("The credential step can't be skipped: the next step would reset the ASA's password in AD while "
                    + "a member lacks it, and Kerberos would fail on that member. Fix the member and retry, or abort.");
        }
        resume(jobId, by, StepStatus.SKIPPED, "job.step-skipped");
        store.log(jobId, failed.get().position(), null, "Step " + failed.get().position() + " skipped by " + by.displayName() + ".");
    }

    private void resume(long jobId, ConsoleUser by, StepStatus failedBecome, String action) {
        requireAdmin(by);
        DeploymentJob job = job(jobId);
        if (!store.transition(jobId, Status.PAUSED, Status.QUEUED)) {
            throw new ChangeRefused("Job " + jobId + " is " + job.status().name().toLowerCase() + ", not paused.");
        }
        store.resetFailed(jobId, failedBecome);
        record(action, job, by, null, null);
        scheduler.scheduleIfNotExists(task.instance(Long.toString(jobId)), Instant.now());
    }

    /**
     * Ends a paused job and submits its rollback as a new change that needs its own approval:
     * nothing is undone silently.
     */
    @Transactional
    public ChangeRequest abort(long jobId, ConsoleUser by) {
        requireAdmin(by);
        DeploymentJob job = job(jobId);
        if (!store.transition(jobId, Status.PAUSED, Status.ABORTED)) {
            throw new ChangeRefused("Job " + jobId + " is " + job.status().name().toLowerCase() + "; pause (cancel) it before aborting.");
        }
        store.status(jobId, Status.ABORTED, "Aborted by " + by.displayName());
        ChangeRequest change = changes.find(job.changeId()).orElseThrow();
        PlanVersions.Stored version = plans.find(change.planVersion()).orElseThrow(() -> new ChangeRefused("Plan version "
                + change.planVersion() + " is gone."));
        ChangeScope scope = new ChangeScope(version.document(), List.of(), store.appliedTargets(jobId));
        ChangeOperations ops = renderer.rollback(scope, jobId, change.id());
        List<String> keys = catalog.forRollback().stream().filter(s -> !s.targets(scope).isEmpty()).map(Step::key).toList();
        ChangeRequest rollback = changes.submitRollback(change, jobId, ops.text(), keys, by);
        store.log(jobId, null, null, "ABORTED by " + by.displayName() + ". Rollback submitted for review as change " + rollback.id() + ".");
        record("job.aborted", job, by, "rollbackChange", Long.toString(rollback.id()));
        events.publishEvent(new DeploymentActivity("job.aborted", job.changeId(), jobId, Status.ABORTED.name(), change.contentHash(),
                by.displayName(), "rollback submitted as change " + rollback.id(), java.time.Instant.now()));
        return rollback;
    }

    private DeploymentJob job(long jobId) {
        return store.find(jobId).orElseThrow(() -> new ChangeRefused("There is no job " + jobId + "."));
    }

    private static void requireAdmin(ConsoleUser by) {
        if (!by.roles().contains(Role.ADMIN)) {
            throw new ChangeRefused("Only Exchange admins run, cancel, retry, skip or abort jobs.");
        }
    }

    private void record(String action, DeploymentJob job, ConsoleUser by, String key, String value) {
        AuditEvent event = AuditEvent.of(action, "job " + job.id() + " of change " + job.changeId())
                .by(new Actor(by.stableId(), by.displayName())).withCorrelation(ChangeRequests.correlation(job.changeId()));
        audit.record(key == null ? event : event.withDetail(key, value));
    }
}
