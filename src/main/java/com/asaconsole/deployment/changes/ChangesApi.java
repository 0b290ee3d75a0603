package com.asaconsole.deployment.changes;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import com.asaconsole.deployment.ChangeRequest;
import com.asaconsole.deployment.ChangeRequests;
import com.asaconsole.deployment.DeploymentJob;
import com.asaconsole.deployment.Jobs;
import com.asaconsole.deployment.executor.JobsApi;
import com.asaconsole.identity.SignedInUsers;
import com.asaconsole.input.ApiRefusal;

import org.springframework.data.domain.PageRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Changes for scripts and ITSM tools: submit with steps and members, read the exact operations and their content
 * hash, approve or reject exactly that hash, withdraw, run. The same {@link ChangeRequests} and {@link Jobs} the pages
 * use decide, so roles and four-eyes are enforced in one place; a refusal is a 409 problem with their sentence.
 */
@RestController
@RequestMapping(path = "/api/changes", produces = "application/json")
@Tag(name = "Changes", description = "Four-eyes changes: submit, review by content hash, withdraw, run")
public class ChangesApi {

    static final int PAGE_SIZE = 50;

    /** What to submit: a stored plan version, the wizard steps (none: every step that applies) and the members (blank: all). */
    record Submission(Integer planVersion, List<String> steps, String members) {
    }

    /** A reviewer's decision on the content hash they read; a rejection needs a comment. */
    record Decision(String contentHash, String comment) {
    }

    record Withdrawal(String reason) {
    }

    /** Who did something and when. */
    public record By(String id, String name, Instant at) {
    }

    /**
     * A change as it is stored: {@code operations} is the frozen text that runs, {@code contentHash} what an approval
     * binds to; {@code notRunnable} says why it can't run now (null when it can).
     */
    public record ChangeView(long id, ChangeRequest.Kind kind, ChangeRequest.Status status, int planVersion, String planHash, String contentHash,
            List<String> steps,
            List<String> members, String operations, By submitted, By decided, String decisionComment, Instant approvalExpires,
            String notRunnable, Long jobId, Long rollbackOfJob) {
    }

    /** A page of changes, newest first. */
    record ChangePage(List<ChangeSummary> changes, int page, int totalPages, long total) {
    }

    record ChangeSummary(long id, ChangeRequest.Kind kind, ChangeRequest.Status status, int planVersion, String contentHash, By submitted, By decided) {
    }

    private final ChangeRequests changes;
    private final Jobs jobs;

    ChangesApi(ChangeRequests changes, Jobs jobs) {
        this.changes = changes;
        this.jobs = jobs;
    }

    @GetMapping
    @Operation(summary = "Changes, newest first, a page of 50")
    ChangePage list(@RequestParam(defaultValue = "0") int page) {
        var found = changes.page(PageRequest.of(Math.max(0, page), PAGE_SIZE));
        return new ChangePage(found.getContent().stream().map(c -> new ChangeSummary(c.id(), c.kind(), c.status(), c.planVersion(),
                c.contentHash(), submitted(c), decided(c))).toList(), found.getNumber(), found.getTotalPages(), found.getTotalElements());
    }

    @PostMapping(consumes = "application/json")
    @Operation(summary = "Submit a stored plan version for review (Exchange admins)")
    @ApiResponse(responseCode = "201", description = "Created; the Location header names it")
    ResponseEntity<ChangeView> submit(@RequestBody Submission submission, Authentication authentication) {
        if (submission.planVersion() == null) {
            throw ApiRefusal.invalid("planVersion", "Name the stored plan version to submit (planVersion).");
        }
        ChangeRequest change = changes.submit(submission.planVersion(), submission.steps() == null ? List.of() : submission.steps(),
                submission.members(), SignedInUsers.of(authentication));
        return ResponseEntity.created(URI.create("/api/changes/" + change.id())).body(view(change));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A change with its exact operations and content hash")
    ChangeView read(@PathVariable long id) {
        return view(change(id));
    }

    @PostMapping(path = "/{id}/approve", consumes = "application/json")
    @Operation(summary = "Approve exactly the content hash you reviewed (change reviewers; not the submitter)")
    ChangeView approve(@PathVariable long id, @RequestBody Decision decision, Authentication authentication) {
        change(id);
        return view(changes.approve(id, hash(decision), SignedInUsers.of(authentication), decision.comment()));
    }

    @PostMapping(path = "/{id}/reject", consumes = "application/json")
    @Operation(summary = "Reject the content hash you reviewed, saying why (change reviewers; not the submitter)")
    ChangeView reject(@PathVariable long id, @RequestBody Decision decision, Authentication authentication) {
        change(id);
        return view(changes.reject(id, hash(decision), SignedInUsers.of(authentication), decision.comment()));
    }

    @PostMapping("/{id}/withdraw")
    @Operation(summary = "Withdraw a submitted or approved change that has no job (Exchange admins)")
    ChangeView withdraw(@PathVariable long id, @RequestBody(required = false) Withdrawal withdrawal, Authentication authentication) {
        change(id);
        return view(changes.withdraw(id, SignedInUsers.of(authentication), withdrawal == null ? null : withdrawal.reason()));
    }

    @PostMapping("/{id}/run")
    @Operation(summary = "Run an approved change: queues its job, or answers the job it already has (Exchange admins)")
    @ApiResponse(responseCode = "202", description = "Queued (or already queued); the Location header names the job to poll")
    ResponseEntity<JobsApi.JobView> run(@PathVariable long id, Authentication authentication) {
        change(id);
        DeploymentJob job = jobs.start(id, SignedInUsers.of(authentication));
        return ResponseEntity.accepted().location(URI.create("/api/jobs/" + job.id())).body(JobsApi.view(job, jobs.steps(job.id())));
    }

    private ChangeRequest change(long id) {
        return changes.find(id).orElseThrow(() -> ApiRefusal.notFound("There is no change " + id + "."));
    }

    private static String hash(Decision decision) {
        if (decision.contentHash() == null || decision.contentHash().isBlank()) {
            throw ApiRefusal.invalid("contentHash", "Send the contentHash of the change you reviewed; the decision binds to it.");
        }
        return decision.contentHash().strip();
    }

    public ChangeView view(ChangeRequest c) {
        return new ChangeView(c.id(), c.kind(), c.status(), c.planVersion(), c.planHash(), c.contentHash(), c.steps(), c.members(),
                c.operations(), submitted(c), decided(c), c.comment(), c.approvalExpires(), changes.whyNotRunnable(c.id()).orElse(null),
                jobs.forChange(c.id()).map(DeploymentJob::id).orElse(null), c.rollbackOf());
    }

    private static By submitted(ChangeRequest c) {
        return new By(c.submittedById(), c.submittedByName(), c.submittedAt());
    }

    private static By decided(ChangeRequest c) {
        return c.decidedById() == null ? null : new By(c.decidedById(), c.decidedByName(), c.decidedAt());
    }
}
