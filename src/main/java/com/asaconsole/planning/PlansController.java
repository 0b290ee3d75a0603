package com.asaconsole.planning;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The live plan, stored versions, the wizard preview and the exports. */
@Controller
@RequestMapping("/plans")
class PlansController {

    private final PlanVersions versions;
    private final ObjectProvider<SpnStates> states;

    PlansController(PlanVersions versions, ObjectProvider<SpnStates> states) {
        this.versions = versions;
        this.states = states;
    }

    /** The SPN map of a plan, with what is known of each SPN's state (nothing without a SpnStates bean). */
    private List<SpnMap> maps(PlanDocument document) {
        SpnStates known = states.getIfAvailable();
        return SpnMap.of(document, known == null ? java.util.Map.of() : known.of(document));
    }

    @GetMapping
    String current(Model model) {
        PlanDocument current = versions.current();
        model.addAttribute("plan", current.plan());
        model.addAttribute("hash", current.contentHash());
        model.addAttribute("versions", versions.all());
        model.addAttribute("latest", versions.latest().map(PlanVersions.Stored::contentHash).orElse(null));
        model.addAttribute("maps", maps(current));
        return "planning/current";
    }

    @PostMapping
    String save(Principal principal, RedirectAttributes redirect) {
        PlanVersions.Stored before = versions.latest().orElse(null);
        PlanVersions.Stored saved = versions.saveCurrent(principal.getName());
        redirect.addFlashAttribute("success", before != null && before.number() == saved.number()
                ? "The plan has not changed since version " + saved.number() + "; no new version was stored."
                : "Plan version " + saved.number() + " stored.");
        return "redirect:/plans/" + saved.number();
    }

    @GetMapping("/{number}")
    String version(@PathVariable int number, Model model) {
        PlanVersions.Stored stored = stored(number);
        model.addAttribute("version", stored);
        model.addAttribute("plan", stored.document().plan());
        model.addAttribute("difference", versions.differenceFromPrevious(stored));
        model.addAttribute("steps", Wizard.steps(stored.document()));
        model.addAttribute("maps", maps(stored.document()));
        return "planning/version";
    }

    @GetMapping("/{number}/wizard/{step}")
    String wizard(@PathVariable int number, @PathVariable String step, Model model) {
        PlanVersions.Stored stored = stored(number);
        int index = Wizard.KEYS.indexOf(step);
        if (index < 0) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "The wizard has no step " + step + ".");
        }
        List<Wizard.Step> steps = Wizard.steps(stored.document());
        model.addAttribute("version", stored);
        model.addAttribute("steps", steps);
        model.addAttribute("step", steps.get(index));
        model.addAttribute("previous", index > 0 ? Wizard.KEYS.get(index - 1) : null);
        model.addAttribute("next", index < Wizard.KEYS.size() - 1 ? Wizard.KEYS.get(index + 1) : null);
        return "planning/wizard";
    }

    @GetMapping("/{number}/change-document")
    String changeDocument(@PathVariable int number, Model model) {
        PlanVersions.Stored stored = stored(number);
        model.addAttribute("version", stored);
        model.addAttribute("plan", stored.document().plan());
        model.addAttribute("topology", stored.document().topology());
        model.addAttribute("steps", Wizard.steps(stored.document()));
        return "planning/change-document";
    }

    @GetMapping("/{number}/script.ps1")
    ResponseEntity<byte[]> script(@PathVariable int number) {
        PlanVersions.Stored stored = stored(number);
        byte[] body = PlanScript.render(stored.number(), stored.contentHash(), stored.document()).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"asa-plan-v" + number + ".ps1\"")
                .body(body);
    }

    private PlanVersions.Stored stored(int number) {
        return versions.find(number).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "There is no plan version " + number + "."));
    }
}
