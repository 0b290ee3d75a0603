package com.asaconsole.rotation;

import java.time.Duration;

import com.asaconsole.deployment.ChangeRefused;
import com.asaconsole.identity.SignedInUsers;
import com.asaconsole.planning.PlanVersions;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The rotation policies: an admin submits one per ASA, a second person approves it once for every roll it covers. */
@Controller
class RotationController {

    private final RotationPolicies policies;
    private final PlanVersions plans;

    RotationController(RotationPolicies policies, PlanVersions plans) {
        this.policies = policies;
        this.plans = plans;
    }

    @GetMapping("/rotation")
    String page(Model model) {
        model.addAttribute("policies", policies.all());
        model.addAttribute("asas", plans.latestNumber().flatMap(plans::find)
                .map(v -> v.document().topology().asaAccounts().stream().map(a -> a.name()).toList()).orElse(java.util.List.of()));
        return "rotation/rotation";
    }

    /** Interval and validity in days, as admins think of them (the service takes any duration; the lab's tests use seconds). */
    @PostMapping("/rotation")
    String submit(@RequestParam String asa, @RequestParam(defaultValue = "0") long intervalDays,
            @RequestParam(defaultValue = "0") long validityDays, Authentication authentication, RedirectAttributes redirect) {
        try {
            RotationPolicy policy = policies.submit(asa, Duration.ofDays(intervalDays), Duration.ofDays(validityDays),
                    SignedInUsers.of(authentication));
            redirect.addFlashAttribute("success", "Rotation policy #" + policy.id() + " for " + policy.asa()
                    + " is submitted: a second person reviews its operations and approves it.");
        } catch (ChangeRefused | PolicyRefused e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/rotation";
    }

    @PostMapping("/rotation/{id}/approve")
    String approve(@PathVariable long id, @RequestParam String contentHash, Authentication authentication, RedirectAttributes redirect) {
        try {
            RotationPolicy policy = policies.approve(id, contentHash, SignedInUsers.of(authentication));
            redirect.addFlashAttribute("success", "Rotation policy #" + id + " is approved: " + policy.asa()
                    + "'s password rolls on schedule until " + policy.validUntil() + ".");
        } catch (ChangeRefused | PolicyRefused e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/rotation";
    }
}
