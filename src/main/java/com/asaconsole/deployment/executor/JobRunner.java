package com.asaconsole.deployment.executor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import com.asaconsole.deployment.ChangeRequest;
import com.asaconsole.deployment.ChangeRequests;
import com.asaconsole.deployment.DeploymentActivity;
import com.asaconsole.deployment.DeploymentJob;
import com.asaconsole.deployment.JobPaused;
import com.asaconsole.deployment.changes.ChangeRenderer;
import com.asaconsole.deployment.steps.ChangeScope;
import com.asaconsole.deployment.steps.CredentialHistory;
import com.asaconsole.deployment.steps.JobScope;
import com.asaconsole.deployment.steps.JobSecrets;
import com.asaconsole.deployment.steps.Step;
import com.asaconsole.deployment.steps.StepCatalog;
import com.asaconsole.deployment.steps.StepFailed;
import com.asaconsole.audit.Actor;
import com.asaconsole.audit.AuditEvent;
import com.asaconsole.audit.AuditTrail;
import com.asaconsole.audit.Outcome;
import com.asaconsole.deployment.DeploymentJob.Status;
import com.asaconsole.deployment.DeploymentJob.StepRun;
import com.asaconsole.deployment.DeploymentJob.StepStatus;
import com.asaconsole.deployment.executor.DeploymentMetrics.StepOutcome;
import com.asaconsole.deployment.DeploymentJob.TaskRun;
import com.asaconsole.directory.DirectoryGateway;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.planning.PlanVersions;
import com.asaconsole.remoting.MemberFanOut;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs one job, called by the scheduler on the node that picked it: every step in order, each
 * target's precheck → apply → verify, transient failures retried with backoff, and any other
 * failure pausing the job with its reason. A job found RUNNING when its run begins was
 * interrupted (its node died): it is marked INTERRUPTED and every unfinished task re-checks real
 * state before anything is applied.
 */
@Component
public class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final JobStore store;
    private final ChangeRequests changes;
    private final PlanVersions plans;
    private final StepCatalog catalog;
    private final DirectorySettings settings;
    private final DirectoryGateway gateway;
    private final JobSecrets secrets;
    private final AuditTrail audit;
    private final ExecutorProperties properties;
    private final ExecutorConfiguration.Node node;
    /** Each precheck, apply and verify runs on one of these, so that the task timeout can give up on it. */
    private final AsyncTaskExecutor calls;
    private final MemberFanOut fanOut;

    private final ChangeRenderer renderer;
    private final CredentialHistory history;
    private final DeploymentMetrics metrics;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    JobRunner(JobStore store, ChangeRequests changes, PlanVersions plans, StepCatalog catalog, DirectorySettings settings,
            DirectoryGateway gateway, JobSecrets secrets, AuditTrail audit, ExecutorProperties properties, ExecutorConfiguration.Node node,
            ChangeRenderer renderer, CredentialHistory history, DeploymentMetrics metrics, ApplicationEventPublisher events,
            TransactionTemplate transaction, @Qualifier("jobCallThreads") AsyncTaskExecutor calls, MemberFanOut fanOut) {
        this.calls = calls;
        this.fanOut = fanOut;
        this.metrics = metrics;
        this.events = events;
        this.transaction = transaction;
        this.renderer = renderer;
        this.history = history;
        this.store = store;
        this.changes = changes;
        this.plans = plans;
        this.catalog = catalog;
        this.settings = settings;
        this.gateway = gateway;
        this.secrets = secrets;
        this.audit = audit;
        this.properties = properties;
        this.node = node;
    }

    /** The scope a job's steps work in: its frozen plan and, for a rollback, what the aborted job applied. */
    public JobScope scope(long jobId, ChangeRequest change, Actor actor) {
        PlanVersions.Stored version = plans.find(change.planVersion())
                .orElseThrow(() -> StepFailed.permanent("Plan version " + change.planVersion() + " is gone."));
        Map<String, List<String>> rollback = change.rollback() ? store.appliedTargets(change.rollbackOf()) : null;
        return new JobScope(jobId, change, new ChangeScope(version.document(), change.members(), rollback), actor, settings, gateway,
                secrets, audit, (step, target) -> store.appliedAt(jobId, step, target), history);
    }

    /** Whether the job waits to run (queued, e.g. resumed by a person while its last run was ending). */
    boolean queued(long jobId) {
        return store.find(jobId).map(job -> job.status() == Status.QUEUED).orElse(false);
    }

    /** Runs the job to its end or a pause; false when it must wait because another job is running. */
    boolean run(long jobId) {
        Optional<DeploymentJob> found = store.find(jobId);
        if (found.isEmpty() || found.get().finished() || found.get().status() == Status.PAUSED) {
            return true; // nothing to run: a stale schedule after an abort or a pause
        }
        DeploymentJob job = found.get();
        ChangeRequest change = changes.find(job.changeId()).orElseThrow();
        Actor actor = new Actor(job.startedById(), job.startedByName());
        Optional<Status> claimed = store.beginRun(jobId, node.name());
        if (claimed.isEmpty()) {
            return false;
        }
        Status before = claimed.get();
        long began = System.nanoTime();
        try {
            return runClaimed(job, change, actor, before);
        } finally {
            metrics.runEnded(store.find(jobId).map(DeploymentJob::status).orElse(null), java.time.Duration.ofNanos(System.nanoTime() - began));
        }
    }

    private boolean runClaimed(DeploymentJob job, ChangeRequest change, Actor actor, Status before) {
        long jobId = job.id();
        boolean interrupted = before == Status.RUNNING || before == Status.INTERRUPTED;
        if (interrupted) {
            store.log(jobId, null, null, "INTERRUPTED: the console running this job (" + job.node() + ") stopped mid-run. Node "
                    + node.name() + " takes over; every unfinished task re-checks the real state before anything is applied.");
            event("job.interrupted", job, change, actor, Outcome.SUCCESS, "node", node.name());
        } else {
            store.log(jobId, null, null, (job.runs() == 0 ? "Started" : "Resumed") + " on node " + node.name() + ".");
            event(job.runs() == 0 ? "job.started" : "job.resumed", job, change, actor, Outcome.SUCCESS, "node", node.name());
        }
        try {
            // what was approved is what runs: rendered again now, any difference stops the job before it writes anything
            Optional<String> difference = renderer.now(change).differenceFrom(change.operations());
            if (difference.isPresent()) {
                pause(job, change, actor, "The operations to run are not the approved ones, so nothing was written. " + difference.get()
                        + " Abort the job, store the plan again and submit a new change for review.");
                return true;
            }
            JobScope scope = scope(jobId, change, actor);
            runSteps(job, change, actor, scope);
        } catch (NodeStopping e) {
            store.log(jobId, null, null, "Node " + node.name() + " is stopping; the job continues when a console runs again.");
            throw e;
        } catch (RuntimeException e) {
            log.error("Job {} stopped unexpectedly", jobId, e);
            pause(job, change, actor, "The executor stopped unexpectedly (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "). Nothing further was done; retry re-checks every unfinished task.");
        }
        return true;
    }

    private void runSteps(DeploymentJob job, ChangeRequest change, Actor actor, JobScope scope) {
        long jobId = job.id();
        for (StepRun run : store.steps(jobId)) {
            if (run.status().settled()) {
                continue;
            }
            Optional<String> cancel = store.cancelRequested(jobId);
            if (cancel.isPresent()) {
                pause(job, change, actor, "Cancelled by " + cancel.get() + " before step " + run.position() + " (" + run.title() + ").");
                return;
            }
            Optional<Step> step = catalog.step(run.key());
            if (step.isEmpty()) {
                pause(job, change, actor, "Step " + run.key() + " is not available in this build of the console.");
                return;
            }
            store.step(jobId, run.position(), StepStatus.RUNNING, null);
            store.log(jobId, run.position(), null, "Step " + run.position() + ": " + run.title());
            List<TaskRun> todo = run.tasks().stream().filter(t -> !t.status().settled()).toList();
            long stepBegan = System.nanoTime();
            List<TaskResult> results = runTasks(jobId, run.position(), step.get(), scope, todo);
            java.time.Duration stepTook = java.time.Duration.ofNanos(System.nanoTime() - stepBegan);
            List<TaskResult> failures = results.stream().filter(r -> r.failure() != null).toList();
            if (!failures.isEmpty()) {
                String detail = failures.size() == 1 ? failures.get(0).target() + ": " + failures.get(0).failure()
                        : failures.size() + " of " + results.size() + " targets: " + failures.stream()
                                .map(f -> f.target() + ": " + f.failure()).collect(java.util.stream.Collectors.joining("; "));
                String reason = "Step " + run.position() + " (" + run.title() + ") failed for " + detail;
                if (run.key().equals("deploy-credential")) {
                    reason += " The ASA password in Active Directory was not changed: every member must hold the new one first.";
                }
                store.step(jobId, run.position(), StepStatus.FAILED, failures.get(0).failure());
                metrics.stepEnded(run.key(), StepOutcome.FAILED, stepTook);
                pause(job, change, actor, reason);
                return;
            }
            if (results.stream().anyMatch(TaskResult::notRun)) {
                store.step(jobId, run.position(), StepStatus.PENDING, null);
                metrics.stepEnded(run.key(), StepOutcome.CANCELLED, stepTook);
                pause(job, change, actor, "Cancelled by " + store.cancelRequested(jobId).orElse("an admin") + " during step "
                        + run.position() + " (" + run.title() + "); the tasks not yet started are left for a retry.");
                return;
            }
            long applied = results.stream().filter(TaskResult::applied).count();
            store.step(jobId, run.position(), StepStatus.DONE, applied + " applied, " + (results.size() - applied) + " already in place"
                    + (run.tasks().size() > todo.size() ? ", " + (run.tasks().size() - todo.size()) + " done earlier" : ""));
            metrics.stepEnded(run.key(), StepOutcome.DONE, stepTook);
            store.transition(jobId, Status.INTERRUPTED, Status.RUNNING);
        }
        store.status(jobId, Status.SUCCEEDED, null);
        store.log(jobId, null, null, "Finished: every step is done.");
        event("job.succeeded", job, change, actor, Outcome.SUCCESS, "node", node.name());
    }

    private record TaskResult(String target, boolean applied, String failure, boolean notRun) {
    }

    private List<TaskResult> runTasks(long jobId, int position, Step step, JobScope scope, List<TaskRun> todo) {
        int concurrency = step.remote() ? Math.max(1, properties.memberConcurrency()) : 1;
        if (concurrency == 1 || todo.size() <= 1) {
            List<TaskResult> results = new ArrayList<>();
            for (TaskRun task : todo) {
                TaskResult result = runTask(jobId, position, step, scope, task);
                results.add(result);
                if (result.failure() != null) {
                    break; // a directory step stops at its first failure
                }
            }
            return results;
        }
        try {
            return fanOut.each(todo, concurrency, t -> runTask(jobId, position, step, scope, t));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeStopping();
        }
    }

    private TaskResult runTask(long jobId, int position, Step step, JobScope scope, TaskRun task) {
        String target = task.target();
        if (store.cancelRequested(jobId).isPresent()) {
            return new TaskResult(target, false, null, true);
        }
        int attempts = task.attempts();
        for (int attempt = 1;; attempt++) {
            attempts++;
            store.task(jobId, position, target, StepStatus.RUNNING, attempts, null, false);
            try {
                Step.Check pre = timed(() -> step.precheck(scope, target), target);
                if (pre.done()) {
                    store.task(jobId, position, target, StepStatus.DONE, attempts, "in place: " + pre.detail(), false);
                    store.log(jobId, position, target, "in place: " + pre.detail());
                    return new TaskResult(target, false, null, false);
                }
                store.log(jobId, position, target, "to do: " + pre.detail());
                // marked before the call: if this node dies during apply, a rollback still covers the target
                store.task(jobId, position, target, StepStatus.RUNNING, attempts, "applying", true);
                String line = timed(() -> step.apply(scope, target), target);
                store.log(jobId, position, target, line);
                Step.Check after = timed(() -> step.verify(scope, target), target);
                if (!after.done()) {
                    throw StepFailed.permanent("applied, but the check afterwards says: " + after.detail());
                }
                store.task(jobId, position, target, StepStatus.DONE, attempts, "applied: " + line + "; verified: " + after.detail(), true);
                store.log(jobId, position, target, "verified: " + after.detail());
                return new TaskResult(target, true, null, false);
            } catch (StepFailed e) {
                if (e.transientFault() && attempt <= properties.retries()) {
                    java.time.Duration wait = properties.retryBackoff().multipliedBy(1L << (attempt - 1));
                    store.log(jobId, position, target, "attempt " + attempt + " failed: " + e.getMessage() + " Retrying in "
                            + wait.toMillis() + " ms.");
                    sleep(wait);
                    continue;
                }
                store.task(jobId, position, target, StepStatus.FAILED, attempts, e.getMessage(), false);
                store.log(jobId, position, target, "FAILED: " + e.getMessage());
                return new TaskResult(target, false, e.getMessage(), false);
            } catch (NodeStopping e) {
                throw e;
            } catch (RuntimeException e) {
                String sentence = e instanceof com.asaconsole.audit.AuditUnavailable
                        ? "The audit trail could not be written, so nothing was done (" + e.getMessage() + ")."
                        : "Unexpected error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                log.warn("Job {} task {} on {} failed", jobId, step.key(), target, e);
                store.task(jobId, position, target, StepStatus.FAILED, attempts, sentence, false);
                store.log(jobId, position, target, "FAILED: " + sentence);
                return new TaskResult(target, false, sentence, false);
            }
        }
    }

    /** One call with the task timeout; a timeout is transient: the next attempt's precheck sees whether it took effect. */
    private <T> T timed(Supplier<T> call, String target) {
        Future<T> future = calls.submit(call::get);
        try {
            return future.get(properties.taskTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new StepFailed("No answer for " + target + " within " + properties.taskTimeout().toSeconds()
                    + " s; whether the operation took effect is re-checked before any retry.", true);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new NodeStopping();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void sleep(java.time.Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeStopping();
        }
    }

    /**
     * This node is stopping mid-job: the job stays RUNNING and the scheduler is told the run failed,
     * so it runs again later (here after a restart, or on another node) as INTERRUPTED.
     */
    static final class NodeStopping extends RuntimeException {
        NodeStopping() {
            super("the console is stopping; the job continues after restart", null, false, false);
        }
    }

    private void pause(DeploymentJob job, ChangeRequest change, Actor actor, String reason) {
        store.status(job.id(), Status.PAUSED, reason);
        store.log(job.id(), null, null, "PAUSED: " + reason + " Retry, skip the step, or abort.");
        event("job.paused", job, change, actor, Outcome.FAILURE, "reason", reason);
        // the job runs outside a transaction; the event goes through the publication registry in one of its own
        transaction.executeWithoutResult(tx -> events.publishEvent(new JobPaused(job.id(), change.id(), reason)));
    }

    private void event(String action, DeploymentJob job, ChangeRequest change, Actor actor, Outcome outcome, String key, String value) {
        audit.record(AuditEvent.of(action, "job " + job.id() + " of change " + change.id()).by(actor)
                .withCorrelation(ChangeRequests.correlation(change.id())).withOutcome(outcome).withDetail(key, value));
        events.publishEvent(new DeploymentActivity(action, change.id(), job.id(),
                store.find(job.id()).map(DeploymentJob::status).orElse(job.status()).name(), change.contentHash(), actor.displayName(),
                "reason".equals(key) ? value : null, java.time.Instant.now()));
    }
}
