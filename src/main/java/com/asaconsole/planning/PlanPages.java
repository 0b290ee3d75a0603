package com.asaconsole.planning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.ui.Model;

/**
 * A large plan on a page: the SPN table, the findings and a wizard step's operations a page at a
 * time, and the wizard's step list without building every step's operations. What a page holds no
 * longer grows with the estate (ADR 0018).
 */
final class PlanPages {

    /** More operations than this make the one-page change document refuse with a sentence. */
    static final int MAX_DOCUMENT_OPERATIONS = 5_000;

    /** A step as the step list shows it: number, key, title, whether it applies, and how many operations it has. */
    record StepChoice(int number, String key, String title, boolean applies, int operations) {
    }

    /** Outlines of stored versions by content hash: a version never changes, and its outline costs every step's operations. */
    private static final Map<String, List<StepChoice>> OUTLINES = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<StepChoice>> eldest) {
            return size() > 32;
        }
    };

    private PlanPages() {
    }

    /**
     * The model for a plan on a page: {@code plan} (whole, for its verdicts), {@code spnPlan} (this
     * page's SPNs and findings), {@code spnPage} (for the paging links at {@code url}) and the number
     * of findings left out.
     */
    static void plan(Model model, Plan plan, int page, String url) {
        Page<PlannedSpn> spns = page(plan.spns(), page);
        List<Finding> findings = page(plan.findings(), page).getContent();
        model.addAttribute("plan", plan);
        model.addAttribute("spnPlan", new Plan(spns.getContent(), findings));
        model.addAttribute("spnPage", new PageImpl<>(List.of(), spns.getPageable(),
                Math.max(plan.spns().size(), plan.findings().size())));
        model.addAttribute("pageUrl", url);
    }

    /**
     * The step with only this page's prerequisites and operations (both grow with the servers); the
     * page (for the links at {@code url}) goes into the model.
     */
    static Wizard.Step operationsPage(Wizard.Step step, int page, Model model, String url) {
        Page<Wizard.Operation> operations = page(step.operations(), page);
        Page<Wizard.Prerequisite> prerequisites = page(step.prerequisites(), page);
        model.addAttribute("operationsPage", new PageImpl<>(List.of(), operations.getPageable(),
                Math.max(step.operations().size(), step.prerequisites().size())));
        model.addAttribute("pageUrl", url);
        return new Wizard.Step(step.number(), step.key(), step.title(), step.purpose(), step.applies(), step.notApplicable(),
                prerequisites.getContent(), operations.getContent(), step.ordering());
    }

    /** The step list of a stored version, one step built at a time and dropped: never every step's operations at once. */
    static List<StepChoice> outline(PlanVersions.Stored version) {
        synchronized (OUTLINES) {
            List<StepChoice> known = OUTLINES.get(version.contentHash() + version.intact());
            if (known != null) {
                return known;
            }
        }
        List<StepChoice> outline = new ArrayList<>();
        for (int i = 0; i < Wizard.KEYS.size(); i++) {
            Wizard.Step step = Wizard.step(version.document(), Wizard.KEYS.get(i), i + 1);
            outline.add(new StepChoice(step.number(), step.key(), step.title(), step.applies(), step.operations().size()));
        }
        List<StepChoice> made = List.copyOf(outline);
        if (version.intact()) {
            synchronized (OUTLINES) {
                OUTLINES.put(version.contentHash() + version.intact(), made);
            }
        }
        return made;
    }

    private static <T> Page<T> page(List<T> all, int page) {
        PageRequest request = PageRequest.of(Math.max(0, page), PlansController.PAGE_SIZE);
        int from = (int) Math.min(request.getOffset(), all.size());
        int to = Math.min(from + request.getPageSize(), all.size());
        return new PageImpl<>(all.subList(from, to), request, all.size());
    }
}
