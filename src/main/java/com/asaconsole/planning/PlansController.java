package com.asaconsole.planning;

import java.security.Principal;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The live plan and the stored versions; the wizard, change document and scripts are the deployment module's pages. */
@Controller
@RequestMapping("/plans")
class PlansController {

    private final PlanVersions versions;
    private final ObjectProvider<SpnStates> states;
    private final ChangeOffer offer;

    PlansController(PlanVersions versions, ObjectProvider<SpnStates> states, ChangeOffer offer) {
        this.versions = versions;
        this.states = states;
        this.offer = offer;
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
        model.addAttribute("steps", offer.steps(stored.document()));
        model.addAttribute("links", offer.links(stored.number(), stored.document()));
        model.addAttribute("maps", maps(stored.document()));
        return "planning/version";
    }

    private PlanVersions.Stored stored(int number) {
        return versions.find(number).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "There is no plan version " + number + "."));
    }
}
