package com.asaconsole.deployment.changes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.asaconsole.deployment.ChangeRequest;
import com.asaconsole.deployment.DeploymentJob;
import com.asaconsole.deployment.executor.JobStore;
import com.asaconsole.deployment.steps.ChangeOperations;
import com.asaconsole.deployment.steps.ChangeScope;
import com.asaconsole.deployment.steps.Step;
import com.asaconsole.deployment.steps.StepCatalog;
import com.asaconsole.deployment.steps.StepFailed;
import com.asaconsole.deployment.WizardSteps;
import com.asaconsole.planning.PlanDocument;
import com.asaconsole.planning.PlanVersions;

import org.springframework.stereotype.Component;

/**
 * Renders a change's operations from its steps: when it is submitted (the frozen operations and
 * their hash), on the wizard pages, and again at run time, when any difference from the approved
 * text stops the job before it writes anything.
 */
@Component
public class ChangeRenderer {

    private final StepCatalog catalog;
    private final PlanVersions plans;
    private final JobStore store;

    ChangeRenderer(StepCatalog catalog, PlanVersions plans, JobStore store) {
        this.catalog = catalog;
        this.plans = plans;
        this.store = store;
    }

    /** A deployment of these wizard steps, each under its numbered heading. */
    public ChangeOperations deployment(ChangeScope scope, List<String> wizardKeys) {
        List<ChangeOperations.Section> sections = new ArrayList<>();
        for (WizardSteps.Definition step : WizardSteps.ALL) {
            if (wizardKeys.contains(step.key())) {
                sections.add(new ChangeOperations.Section("step " + step.number() + " " + step.key() + ": " + step.title(),
                        catalog.forWizardStep(step.key())));
            }
        }
        List<String> preamble = scope.scoped() ? List.of("remote steps only on: " + String.join(", ", scope.scopedMembers())) : List.of();
        return ChangeOperations.render(scope, sections, preamble);
    }

    /** The rollback of an aborted job: the rollback steps that have targets (what the job applied). */
    public ChangeOperations rollback(ChangeScope scope, long jobId, long changeId) {
        List<Step> steps = catalog.forRollback().stream().filter(s -> !s.targets(scope).isEmpty()).toList();
        return ChangeOperations.render(scope, List.of(new ChangeOperations.Section(null, steps)),
                List.of("rollback of job " + jobId + " (change " + changeId + "): undoes exactly what it applied"
                        + (steps.isEmpty() ? "; it applied nothing, so there is nothing to undo" : "")));
    }

    /**
     * The change rendered now, for the run-time comparison: a deployment from the topology as it is
     * now (planned with what the approved version read from the directory), a rollback from its frozen
     * plan and what the aborted job applied.
     */
    public ChangeOperations now(ChangeRequest change) {
        PlanDocument frozen = plans.find(change.planVersion())
                .orElseThrow(() -> StepFailed.permanent("Plan version " + change.planVersion() + " is gone.")).document();
        if (change.rollback()) {
            Map<String, List<String>> applied = store.appliedTargets(change.rollbackOf());
            return rollback(new ChangeScope(frozen, List.of(), applied), change.rollbackOf(),
                    store.find(change.rollbackOf()).map(DeploymentJob::changeId).orElse(0L));
        }
        return deployment(new ChangeScope(plans.replan(frozen), change.members(), null), change.steps());
    }
}
