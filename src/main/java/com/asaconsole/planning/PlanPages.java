package com.asaconsole.planning;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.ui.Model;

/**
 * A large plan on a page: the SPN table and the findings a page at a time. What a page holds no
 * longer grows with the estate (ADR 0018).
 */
final class PlanPages {

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

    private static <T> Page<T> page(List<T> all, int page) {
        PageRequest request = PageRequest.of(Math.max(0, page), PlansController.PAGE_SIZE);
        int from = (int) Math.min(request.getOffset(), all.size());
        int to = Math.min(from + request.getPageSize(), all.size());
        return new PageImpl<>(all.subList(from, to), request, all.size());
    }
}
