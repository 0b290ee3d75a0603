package com.asaconsole.deployment;

import com.asaconsole.identity.SignedInUsers;

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

    ChangesController(ChangeRequests changes, Jobs jobs) {
        this.changes = changes;
        this.jobs = jobs;
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
        ChangeRequest change = changes.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("change", change);
        model.addAttribute("notRunnable", changes.whyNotRunnable(id).orElse(null));
        model.addAttribute("job", jobs.forChange(id).orElse(null));
        return "deployment/change";
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
