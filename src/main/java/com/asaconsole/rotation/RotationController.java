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
    String submit(@RequestParam(defaultValue = "") String asa, @RequestParam(defaultValue = "") String intervalDays,
            @RequestParam(defaultValue = "") String validityDays, Authentication authentication, RedirectAttributes redirect) {
        try {
            RotationPolicy policy = policies.submit(asa, Duration.ofDays(days("Roll every", intervalDays)),
                    Duration.ofDays(days("Approval lasts", validityDays)), SignedInUsers.of(authentication));
            redirect.addFlashAttribute("success", "Rotation policy #" + policy.id() + " for " + policy.asa()
                    + " is submitted: a second person reviews its operations and approves it.");
        } catch (ChangeRefused | PolicyRefused e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/rotation";
    }

    /** A whole number of days from 1 to 3,650, or a sentence naming the field. */
    static long days(String field, String text) {
        try {
            long days = Long.parseLong(text.strip());
            if (days >= 1 && days <= 3_650) {
                return days;
            }
        } catch (NumberFormatException e) {
            // the sentence below says what is wanted
        }
        throw new PolicyRefused(field + ": a whole number of days from 1 to 3650, not \"" + (text.length() > 20 ? text.substring(0, 20) + "…" : text)
                + "\".");
    }

    @PostMapping("/rotation/{id}/approve")
    String approve(@PathVariable long id, @RequestParam(defaultValue = "") String contentHash, Authentication authentication, RedirectAttributes redirect) {
        try {
            RotationPolicy policy = policies.approve(id, contentHash, SignedInUsers.of(authentication));
            redirect.addFlashAttribute("success", "Rotation policy #" + id + " is approved: " + policy.asa()
                    + "'s password rolls on schedule until " + policy.validUntil() + ".");
        } catch (ChangeRefused | PolicyRefused e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/rotation";
    }

    @PostMapping("/rotation/{id}/revoke")
    String revoke(@PathVariable long id, @RequestParam(defaultValue = "") String reason, Authentication authentication,
            RedirectAttributes redirect) {
        try {
            RotationPolicy policy = policies.revoke(id, reason, SignedInUsers.of(authentication));
            redirect.addFlashAttribute("success", "Rotation policy #" + id + " is revoked: no roll of " + policy.asa()
                    + " is created under it any more.");
        } catch (PolicyRefused e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/rotation";
    }
}
