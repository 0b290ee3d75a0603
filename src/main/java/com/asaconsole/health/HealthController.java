package com.asaconsole.health;

import com.asaconsole.deployment.ChangeRefused;
import com.asaconsole.deployment.ChangeRequest;
import com.asaconsole.identity.SignedInUsers;
import com.asaconsole.planning.PlanVersions;
import com.asaconsole.planning.SpnMapPictures;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The health page: the latest round's verdict per ASA, namespace and member, its drift, and the rounds before. */
@Controller
class HealthController {

    static final int HISTORY = 10;

    private final EstateHealth health;
    private final PreparedFixes fixes;
    private final PlanVersions plans;
    private final SpnMapPictures pictures;

    HealthController(EstateHealth health, PreparedFixes fixes, PlanVersions plans, SpnMapPictures pictures) {
        this.health = health;
        this.fixes = fixes;
        this.plans = plans;
        this.pictures = pictures;
    }

    @GetMapping("/health")
    String page(@RequestParam(defaultValue = "0") int mapPage, Model model) {
        EstateHealth.Report report = health.report().orElse(null);
        model.addAttribute("report", report);
        // the SPN maps of the plan version the round checked, coloured by what it found (rendered once per round and page)
        if (report != null && report.round().planVersion() != null) {
            plans.find(report.round().planVersion()).ifPresent(version -> {
                SpnMapPictures.Pictures maps = pictures.live(version.document(), LiveMarks.of(report), "health round "
                        + report.round().id(), Math.max(0, mapPage));
                model.addAttribute("mapsHtml", maps.html());
                model.addAttribute("mapsPage", maps.page());
            });
        }
        model.addAttribute("history", health.history(HISTORY));
        model.addAttribute("kinds", SubjectKind.values());
        return "health/health";
    }

    @PostMapping("/health/check")
    String checkNow(RedirectAttributes redirect) {
        if (health.checkNow()) {
            redirect.addFlashAttribute("success", "A check round was asked for: one console node starts it within seconds. "
                    + "Reload this page to see its results.");
        } else {
            redirect.addFlashAttribute("error", "A check round is running right now (or no console node runs rounds yet): its results "
                    + "appear here when it ends.");
        }
        return "redirect:/health";
    }

    /** Submits a failing check's fix as a change (the reviewer approves it like any other); lands on the change. */
    @PostMapping("/health/fixes")
    String prepareFix(@RequestParam SubjectKind kind, @RequestParam String subject, @RequestParam String check,
            Authentication authentication, RedirectAttributes redirect) {
        try {
            ChangeRequest change = fixes.prepare(kind, subject, check, SignedInUsers.of(authentication));
            redirect.addFlashAttribute("success", "The fix for " + subject + " is submitted as change #" + change.id()
                    + ": a second person reviews and approves it, then an admin runs it.");
            return "redirect:/changes/" + change.id();
        } catch (ChangeRefused | PreparedFixes.FixRefused e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/health";
        }
    }
}
