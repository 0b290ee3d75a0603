package com.asaconsole.deployment.executor;

import java.time.Instant;
import java.util.List;

import com.asaconsole.deployment.DeploymentJob;
import com.asaconsole.deployment.Jobs;
import com.asaconsole.deployment.changes.ChangesApi;
import com.asaconsole.identity.SignedInUsers;
import com.asaconsole.input.ApiRefusal;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Jobs for scripts: read one with every step and every member's state, and the admin's commands the job page offers
 * (cancel, retry, skip the failed step, abort into a rollback change), through the same {@link Jobs}.
 */
@RestController
@RequestMapping(path = "/api/jobs", produces = "application/json")
@Tag(name = "Jobs", description = "Runs of approved changes: state per step and member, cancel, retry, skip, abort")
public class JobsApi {

    /**
     * A job. {@code status}: QUEUED, RUNNING, INTERRUPTED, PAUSED (retry, skip or abort), SUCCEEDED or ABORTED;
     * {@code finished} is true for the last two.
     */
    public record JobView(long id, long changeId, DeploymentJob.Status status, boolean finished, String reason, String startedBy, Instant createdAt,
            Instant startedAt, Instant endedAt, List<StepView> steps) {
    }

    /** A step: PENDING, RUNNING, DONE, FAILED or SKIPPED, with one entry per target (a member, the ASA, an SPN). */
    public record StepView(int position, String key, String title, DeploymentJob.StepStatus status, Instant startedAt, Instant endedAt, String message,
            List<TargetView> targets) {
    }

    /** {@code applied} is false when the precheck found the work already done. */
    public record TargetView(String target, DeploymentJob.StepStatus status, int attempts, Instant startedAt, Instant endedAt, String message,
            boolean applied) {
    }

    private final Jobs jobs;
    private final ChangesApi changes;

    JobsApi(Jobs jobs, ChangesApi changes) {
        this.jobs = jobs;
        this.changes = changes;
    }

    @GetMapping
    @Operation(summary = "The 50 most recent jobs (without their steps)")
    List<JobView> recent() {
        return jobs.recent().stream().map(j -> view(j, List.of())).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "A job with every step and the state of each member or other target")
    JobView read(@PathVariable long id) {
        return view(job(id), jobs.steps(id));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Stop a queued or running job before its next target; it pauses (Exchange admins)")
    JobView cancel(@PathVariable long id, Authentication authentication) {
        job(id);
        jobs.cancel(id, SignedInUsers.of(authentication));
        return read(id);
    }

    @PostMapping("/{id}/retry")
    @Operation(summary = "Run a paused job's failed step again (Exchange admins)")
    JobView retry(@PathVariable long id, Authentication authentication) {
        job(id);
        jobs.retry(id, SignedInUsers.of(authentication));
        return read(id);
    }

    @PostMapping("/{id}/skip")
    @Operation(summary = "Skip a paused job's failed step and go on (Exchange admins; refused where skipping is unsafe)")
    JobView skip(@PathVariable long id, Authentication authentication) {
        job(id);
        jobs.skip(id, SignedInUsers.of(authentication));
        return read(id);
    }

    @PostMapping("/{id}/abort")
    @Operation(summary = "End a paused job; its rollback is submitted as a new change for review, which is answered (Exchange admins)")
    ChangesApi.ChangeView abort(@PathVariable long id, Authentication authentication) {
        job(id);
        return changes.view(jobs.abort(id, SignedInUsers.of(authentication)));
    }

    private DeploymentJob job(long id) {
        return jobs.find(id).orElseThrow(() -> ApiRefusal.notFound("There is no job " + id + "."));
    }

    public static JobView view(DeploymentJob job, List<DeploymentJob.StepRun> steps) {
        return new JobView(job.id(), job.changeId(), job.status(), job.finished(), job.reason(), job.startedByName(), job.createdAt(),
                job.startedAt(), job.endedAt(), steps.stream().map(s -> new StepView(s.position(), s.key(), s.title(), s.status(),
                        s.startedAt(), s.endedAt(), s.message(), s.tasks().stream().map(t -> new TargetView(t.target(), t.status(),
                                t.attempts(), t.startedAt(), t.endedAt(), t.message(), t.applied())).toList())).toList());
    }
}
