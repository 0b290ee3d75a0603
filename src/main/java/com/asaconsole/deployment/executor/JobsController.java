package com.asaconsole.deployment.executor;

import java.util.List;

import com.asaconsole.deployment.ChangeRefused;
import com.asaconsole.deployment.ChangeRequest;
import com.asaconsole.deployment.ChangeRequests;
import com.asaconsole.deployment.DeploymentJob;
import com.asaconsole.deployment.Jobs;
import com.asaconsole.audit.AuditReader;
import com.asaconsole.identity.SignedInUsers;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Running an approved change, watching its job live, the admin's controls, and the change's whole story. */
@Controller
class JobsController {

    private final Jobs jobs;
    private final ChangeRequests changes;
    private final AuditReader audit;

    JobsController(Jobs jobs, ChangeRequests changes, AuditReader audit) {
        this.jobs = jobs;
        this.changes = changes;
        this.audit = audit;
    }

    @PostMapping("/changes/{id}/run")
    String run(@PathVariable long id, Authentication authentication, RedirectAttributes redirect) {
        try {
            DeploymentJob job = jobs.start(id, SignedInUsers.of(authentication));
            return "redirect:/jobs/" + job.id();
        } catch (ChangeRefused e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/changes/" + id;
        }
    }

    @GetMapping("/jobs")
    String list(Model model) {
        model.addAttribute("jobs", jobs.recent());
        return "deployment/jobs";
    }

    @GetMapping("/jobs/{id}")
    String show(@PathVariable long id, Model model) {
        progress(id, model);
        return "deployment/job";
    }

    /** The live part of the job page, fetched by htmx every two seconds while the job is active. */
    @GetMapping("/jobs/{id}/progress")
    String progress(@PathVariable long id, Model model) {
        DeploymentJob job = jobs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no job #" + id + "."));
        model.addAttribute("job", job);
        model.addAttribute("change", changes.find(job.changeId()).orElseThrow());
        List<DeploymentJob.StepRun> steps = jobs.steps(id);
        model.addAttribute("steps", steps);
        model.addAttribute("timeline", JobTimeline.of(steps));
        model.addAttribute("log", jobs.log(id));
        return "deployment/job-progress :: progress";
    }

    @PostMapping("/jobs/{id}/cancel")
    String cancel(@PathVariable long id, Authentication authentication, RedirectAttributes redirect) {
        return command(id, redirect, () -> jobs.cancel(id, SignedInUsers.of(authentication)), "Cancel requested.");
    }

    @PostMapping("/jobs/{id}/retry")
    String retry(@PathVariable long id, Authentication authentication, RedirectAttributes redirect) {
        return command(id, redirect, () -> jobs.retry(id, SignedInUsers.of(authentication)), "The failed step runs again.");
    }

    @PostMapping("/jobs/{id}/skip")
    String skip(@PathVariable long id, Authentication authentication, RedirectAttributes redirect) {
        return command(id, redirect, () -> jobs.skip(id, SignedInUsers.of(authentication)), "The failed step is skipped.");
    }

    @PostMapping("/jobs/{id}/abort")
    String abort(@PathVariable long id, Authentication authentication, RedirectAttributes redirect) {
        try {
            ChangeRequest rollback = jobs.abort(id, SignedInUsers.of(authentication));
            redirect.addFlashAttribute("success", "Job " + id + " aborted. Its rollback is change " + rollback.id()
                    + ", waiting for review; nothing has been undone yet.");
            return "redirect:/changes/" + rollback.id();
        } catch (ChangeRefused e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/jobs/" + id;
        }
    }

    private static String command(long id, RedirectAttributes redirect, Runnable action, String done) {
        try {
            action.run();
            redirect.addFlashAttribute("success", done);
        } catch (ChangeRefused e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/jobs/" + id;
    }

    /** Plan → review → every operation → verification, on one page, for the reviewer. */
    @GetMapping("/changes/{id}/story")
    String story(@PathVariable long id, Model model) {
        ChangeRequest change = changes.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no change #" + id + "."));
        model.addAttribute("change", change);
        jobs.forChange(id).ifPresent(job -> {
            model.addAttribute("job", job);
            model.addAttribute("steps", jobs.steps(job.id()));
        });
        model.addAttribute("records", audit.correlated(ChangeRequests.correlation(id), 10_000));
        return "deployment/story";
    }
}
