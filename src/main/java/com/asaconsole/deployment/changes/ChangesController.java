package com.asaconsole.deployment.changes;

import java.util.List;

import com.asaconsole.deployment.ChangeRefused;
import com.asaconsole.deployment.ChangeRequest;
import com.asaconsole.deployment.ChangeRequests;
import com.asaconsole.deployment.Jobs;
import com.asaconsole.deployment.steps.ChangeScope;
import com.asaconsole.deployment.WizardSteps;
import com.asaconsole.identity.SignedInUsers;
import com.asaconsole.planning.PlanVersions;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Submitting a plan version for change, and the reviewer's approve or reject. */
@Controller
@RequestMapping("/changes")
class ChangesController {

    private final ChangeRequests changes;
    private final Jobs jobs;
    private final PlanVersions plans;
    private final WizardController wizard;

    ChangesController(ChangeRequests changes, Jobs jobs, PlanVersions plans, WizardController wizard) {
        this.wizard = wizard;
        this.changes = changes;
        this.jobs = jobs;
        this.plans = plans;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("changes", changes.page(org.springframework.data.domain.PageRequest.of(Math.max(0, page), 20)));
        return "deployment/changes";
    }

    @PostMapping
    String submit(@RequestParam int planVersion, @RequestParam(required = false) java.util.List<String> steps,
            @RequestParam(required = false) String members, Authentication authentication, RedirectAttributes redirect) {
        try {
            ChangeRequest change = changes.submit(planVersion, steps == null ? java.util.List.of() : steps, members,
                    SignedInUsers.of(authentication));
            redirect.addFlashAttribute("success", "Change " + change.id() + " submitted for review.");
            return "redirect:/changes/" + change.id();
        } catch (ChangeRefused e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/plans/" + planVersion;
        }
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        ChangeRequest change = changes.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no change #" + id + "."));
        model.addAttribute("change", change);
        model.addAttribute("notRunnable", changes.whyNotRunnable(id).orElse(null));
        model.addAttribute("job", jobs.forChange(id).orElse(null));
        model.addAttribute("topologyChanged", changes.topologyChangedSince(change));
        return "deployment/change";
    }

    @PostMapping("/{id}/withdraw")
    String withdraw(@PathVariable long id, @RequestParam(required = false) String reason, Authentication authentication,
            RedirectAttributes redirect) {
        try {
            changes.withdraw(id, SignedInUsers.of(authentication), reason);
            redirect.addFlashAttribute("success", "You withdrew change " + id + ". It can no longer be approved or run.");
        } catch (ChangeRefused e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/changes/" + id;
    }

    /** The printable document of exactly this change: what was approved, by whom, the operations as frozen, and the way back. */
    @GetMapping("/{id}/document")
    String document(@PathVariable long id, Model model) {
        ChangeRequest change = changes.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no change #" + id + "."));
        PlanVersions.Stored version = plans.find(change.planVersion()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "Plan version " + change.planVersion() + " of change #" + id + " is gone."));
        model.addAttribute("change", change);
        model.addAttribute("version", version);
        model.addAttribute("plan", version.document().plan());
        // each step as this change renders it (its own members); the frozen text above is what was approved
        model.addAttribute("steps", change.rollback() ? List.of()
                : wizard.views(new ChangeScope(version.document(), change.members(), null), change.steps()));
        model.addAttribute("rollback", ChangeDocument.rollback(change));
        model.addAttribute("ordering", WizardSteps.ORDERING);
        model.addAttribute("job", jobs.forChange(id).orElse(null));
        return "deployment/change-document";
    }

    @PostMapping("/{id}/approve")
    String approve(@PathVariable long id, @RequestParam String contentHash, @RequestParam(required = false) String comment,
            Authentication authentication, RedirectAttributes redirect) {
        try {
            changes.approve(id, contentHash, SignedInUsers.of(authentication), comment);
            redirect.addFlashAttribute("success", "You approved change " + id + ".");
        } catch (ChangeRefused e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/changes/" + id;
    }

    @PostMapping("/{id}/reject")
    String reject(@PathVariable long id, @RequestParam String contentHash, @RequestParam(required = false) String comment,
            Authentication authentication, RedirectAttributes redirect) {
        try {
            changes.reject(id, contentHash, SignedInUsers.of(authentication), comment);
            redirect.addFlashAttribute("success", "You rejected change " + id + ".");
        } catch (ChangeRefused e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/changes/" + id;
    }
}
