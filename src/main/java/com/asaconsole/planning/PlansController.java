package com.asaconsole.planning;

import java.security.Principal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The live plan and the stored versions; the wizard, change document and scripts are the deployment module's pages. */
@Controller
@RequestMapping("/plans")
class PlansController {

    private final PlanVersions versions;
    private final ObjectProvider<SpnStates> states;
    private final ChangeOffer offer;
    private final RenderedParts parts;

    PlansController(PlanVersions versions, ObjectProvider<SpnStates> states, ChangeOffer offer, RenderedParts parts) {
        this.versions = versions;
        this.states = states;
        this.offer = offer;
        this.parts = parts;
    }

    /** SPN maps (one per name) one page shows: each is an SVG picture, so far fewer than table rows. */
    static final int MAPS_PAGE_SIZE = 5;

    /**
     * A page of the SPN maps of a plan, with what is known of each SPN's state (nothing without a SpnStates bean), into
     * the model as {@code mapsHtml} (rendered once per plan, page and states shown: RenderedParts) with its paging links
     * at {@code url} ({@code mapPage}).
     */
    private void maps(Model model, PlanDocument document, String contentHash, int mapPage, String url) {
        SpnStates known = states.getIfAvailable();
        org.springframework.data.domain.Page<SpnMap> maps = SpnMap.page(document,
                known == null ? java.util.Map.of() : known.of(document), mapPage, MAPS_PAGE_SIZE);
        // the pictures follow from the plan, the page and the state of each SPN drawn
        String shown = maps.getContent().stream().flatMap(m -> m.spns().stream()).map(SpnMap.Box::note)
                .collect(java.util.stream.Collectors.joining(","));
        model.addAttribute("mapsHtml", parts.render(contentHash + " " + maps.getNumber() + " " + shown, "planning/pictures", "spn-maps",
                java.util.Map.of("maps", maps.getContent())));
        model.addAttribute("mapsPage", maps);
        model.addAttribute("mapsUrl", url);
    }

    /** The SPN table and the findings of this page, rendered once per plan and page (RenderedParts). */
    private void tables(Model model, Plan plan, String contentHash, int page, String url) {
        PlanPages.plan(model, plan, page, url);
        Object spnPlan = model.getAttribute("spnPlan");
        String key = contentHash + " " + ((org.springframework.data.domain.Page<?>) model.getAttribute("spnPage")).getNumber();
        model.addAttribute("spnsHtml", parts.render(key, "planning/parts", "spns", java.util.Map.of("plan", spnPlan)));
        model.addAttribute("findingsHtml", parts.render(key, "planning/parts", "findings", java.util.Map.of("plan", spnPlan)));
    }

    /** SPNs, findings, operations and difference lines one page shows: a large plan is read a page at a time. */
    static final int PAGE_SIZE = 100;

    /** Stored versions one page of the list shows. */
    static final int VERSIONS_PAGE_SIZE = 20;

    @GetMapping
    String current(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "0") int versionsPage,
            @RequestParam(defaultValue = "0") int mapPage, Model model) {
        PlanVersions.Live current = versions.currentWithHash();
        tables(model, current.document().plan(), current.contentHash(), page, "/plans");
        model.addAttribute("hash", current.contentHash());
        model.addAttribute("versions", versions.summaries(PageRequest.of(Math.max(0, versionsPage), VERSIONS_PAGE_SIZE)));
        model.addAttribute("latest", versions.latest().map(PlanVersions.Stored::contentHash).orElse(null));
        maps(model, current.document(), current.contentHash(), mapPage, "/plans");
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
    String version(@PathVariable int number, @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "0") int mapPage,
            Model model) {
        PlanVersions.Stored stored = stored(number);
        model.addAttribute("version", stored);
        // a version whose stored text no longer matches its hash is shown as it reads now, never from a rendering
        tables(model, stored.document().plan(), stored.intact() ? stored.contentHash() : "altered " + stored.document().contentHash(), page,
                "/plans/" + number);
        PlanVersions.Difference difference = versions.differenceFromPrevious(stored);
        model.addAttribute("difference", difference.limited(PAGE_SIZE));
        model.addAttribute("differenceSize", difference.size());
        model.addAttribute("steps", offer.steps(stored.document()));
        model.addAttribute("links", offer.links(stored.number(), stored.document()));
        maps(model, stored.document(), stored.intact() ? stored.contentHash() : "altered " + stored.document().contentHash(), mapPage,
                "/plans/" + number);
        return "planning/version";
    }

    private PlanVersions.Stored stored(int number) {
        return versions.view(number).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "There is no plan version " + number + "."));
    }
}
