package com.asaconsole.deployment.changes;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.asaconsole.deployment.steps.ChangeOperations;
import com.asaconsole.deployment.steps.ChangeScope;
import com.asaconsole.deployment.steps.ManualScript;
import com.asaconsole.deployment.WizardSteps;
import com.asaconsole.planning.ChangeOffer;
import com.asaconsole.planning.PlanDocument;
import com.asaconsole.planning.PlanVersions;

import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * A stored plan version as the deployment would run it: the wizard pages and the printable change
 * document show each step's operations exactly as the executor renders them, and the manual
 * scripts (one per Exchange generation) are made of the same operation bodies. Also what the
 * version page offers (planning's {@link ChangeOffer}).
 */
@Controller
@RequestMapping("/plans")
class WizardController implements ChangeOffer {

    /** One wizard step as a page shows it: its definition, prerequisites and the executor's rendering of its operations. */
    record StepView(WizardSteps.Definition step, boolean applies, List<WizardSteps.Prerequisite> prerequisites,
            List<ChangeOperations.Entry> operations, Map<String, String> scripts, List<String> ordering) {
    }

    private final PlanVersions versions;
    private final ChangeRenderer renderer;

    WizardController(PlanVersions versions, ChangeRenderer renderer) {
        this.versions = versions;
        this.renderer = renderer;
    }

    /**
     * Every step's view of a stored version, rendered once per version as read (PlanVersions hands pages the same document
     * until it checks it again): twenty people on the wizard pages of a plan of 2,000 servers shared one rendering instead of
     * each holding their own (ADR 0018). A version read afresh is rendered afresh; four versions are kept, softly.
     */
    List<StepView> views(PlanDocument document) {
        return rendered.of(document, () -> views(ChangeScope.of(document), WizardSteps.keys()));
    }

    private final RenderedOnce<PlanDocument, List<StepView>> rendered = new RenderedOnce<>(4);

    private final RenderedOnce<PlanDocument, byte[]> scripts = new RenderedOnce<>(4);

    /** The views of these wizard steps as this scope renders them (a change's own members, or the whole plan). */
    List<StepView> views(ChangeScope scope, List<String> keys) {
        return WizardSteps.ALL.stream().filter(d -> keys.contains(d.key())).map(d -> {
            ChangeOperations ops = renderer.deployment(scope, List.of(d.key()));
            return new StepView(d, WizardSteps.applies(d, scope), WizardSteps.prerequisites(d, scope), ops.entries(), ops.scripts(),
                    WizardSteps.ORDERING);
        }).toList();
    }

    /** Prerequisites and operations one wizard page shows (both grow with the servers; ADR 0018). */
    static final int PAGE_SIZE = 100;

    /** More operations than this make the one-page change document refuse with a sentence (ADR 0018). */
    static final int MAX_DOCUMENT_OPERATIONS = 5_000;

    @GetMapping("/{number}/wizard/{step}")
    String wizard(@PathVariable int number, @PathVariable String step, @RequestParam(defaultValue = "0") int page, Model model) {
        PlanVersions.Stored stored = stored(number);
        int index = WizardSteps.keys().indexOf(step);
        if (index < 0) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        // the steps are rendered together (a step's operations follow from the ones before it); a page of the one shown is
        // shown, and the step list keeps titles only
        List<StepView> all = views(stored.document());
        StepView shown = all.get(index);
        List<StepView> steps = all.stream()
                .map(v -> new StepView(v.step(), v.applies(), List.of(), List.of(), Map.of(), v.ordering())).toList();
        PageRequest request = PageRequest.of(Math.max(0, page), PAGE_SIZE);
        model.addAttribute("operationsPage", new PageImpl<>(List.of(), request,
                Math.max(shown.operations().size(), shown.prerequisites().size())));
        model.addAttribute("pageUrl", "/plans/" + number + "/wizard/" + step);
        model.addAttribute("version", stored);
        model.addAttribute("steps", steps);
        model.addAttribute("step", new StepView(shown.step(), shown.applies(), slice(shown.prerequisites(), request),
                slice(shown.operations(), request), shown.scripts(), shown.ordering()));
        model.addAttribute("previous", index > 0 ? WizardSteps.keys().get(index - 1) : null);
        model.addAttribute("next", index < WizardSteps.ALL.size() - 1 ? WizardSteps.keys().get(index + 1) : null);
        return "deployment/wizard";
    }

    private static <T> List<T> slice(List<T> all, PageRequest request) {
        int from = (int) Math.min(request.getOffset(), all.size());
        return List.copyOf(all.subList(from, Math.min(from + request.getPageSize(), all.size())));
    }

    @GetMapping("/{number}/change-document")
    String changeDocument(@PathVariable int number, Model model, jakarta.servlet.http.HttpServletResponse response) {
        PlanVersions.Stored stored = stored(number);
        List<StepView> steps = views(stored.document());
        int operations = steps.stream().mapToInt(s -> s.operations().size()).sum();
        model.addAttribute("version", stored);
        model.addAttribute("plan", stored.document().plan());
        if (operations > MAX_DOCUMENT_OPERATIONS) {
            // one printable page of every operation of a very large plan would hold the whole plan in memory as HTML
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("tooLarge", "Plan version " + number + " has " + operations + " operations, more than one change "
                    + "document shows (" + MAX_DOCUMENT_OPERATIONS + "). Read each wizard step a page at a time, or download "
                    + "the manual script, which holds every operation.");
            return "deployment/plan-document";
        }
        model.addAttribute("topology", stored.document().topology());
        model.addAttribute("steps", steps);
        return "deployment/plan-document";
    }

    @GetMapping("/{number}/script-{generation}.ps1")
    ResponseEntity<byte[]> script(@PathVariable int number, @PathVariable String generation) {
        PlanVersions.Stored stored = stored(number);
        ManualScript.Generation g = ManualScript.Generation.of(generation)
                .filter(x -> ManualScript.generations(stored.document()).contains(x))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        // one script of a plan of 2,000 servers is megabytes: rendered once per version as read and generation, and shared
        byte[] body = scripts.of(stored.document(), g, () -> ManualScript.render(stored.number(), stored.contentHash(), stored.document(), g)
                .getBytes(StandardCharsets.UTF_8));
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"asa-plan-v" + number + "-exchange-" + generation + ".ps1\"")
                .body(body);
    }

    @Override
    public List<Choice> steps(PlanDocument document) {
        ChangeScope scope = ChangeScope.of(document);
        return WizardSteps.ALL.stream().map(d -> new Choice(d.number(), d.key(), d.title(), WizardSteps.applies(d, scope), !d.onRequest()))
                .toList();
    }

    @Override
    public List<Link> links(int version, PlanDocument document) {
        List<Link> links = new java.util.ArrayList<>(List.of(new Link("Walk the wizard", "/plans/" + version + "/wizard/create-account"),
                new Link("Change document", "/plans/" + version + "/change-document")));
        ManualScript.generations(document).forEach(g -> links.add(new Link("Manual script (" + g.label + ")",
                "/plans/" + version + "/script-" + g.slug + ".ps1")));
        return links;
    }

    /** Pages read a version as checked at most asa.planning.view-recheck ago; submitting and running read it afresh. */
    private PlanVersions.Stored stored(int number) {
        return versions.view(number).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
