package com.asaconsole.planning;

import java.util.List;

/**
 * What a stored plan version offers besides the plan: the deployment steps an admin may submit and
 * the pages and scripts rendered from them. The deployment module, which owns the steps and renders
 * their operations, provides it; planning only shows it (it writes no operation of its own).
 */
public interface ChangeOffer {

    /** A wizard step: its number (the same everywhere), whether it applies, and whether "all steps" includes it. */
    record Choice(int number, String key, String title, boolean applies, boolean byDefault) {
    }

    /** A page or download rendered from the steps' operations. */
    record Link(String label, String href) {
    }

    List<Choice> steps(PlanDocument document);

    List<Link> links(int version, PlanDocument document);
}
