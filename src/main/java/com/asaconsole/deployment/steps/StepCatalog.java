package com.asaconsole.deployment.steps;

import com.asaconsole.deployment.WizardSteps;
import com.asaconsole.deployment.ChangeRefused;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * Which executable steps a change runs, in order. A deployment maps each chosen wizard step to its
 * executor steps; a rollback undoes what an aborted job applied. Remote (WinRM) steps join by being
 * beans with these keys.
 */
@Component
public class StepCatalog {

    /** Wizard step → executor steps, in wizard order. The password is set in AD only after every member holds it. */
    static final Map<String, List<String>> DEPLOY = new LinkedHashMap<>();

    static {
        WizardSteps.ALL.forEach(d -> DEPLOY.put(d.key(), d.executorSteps()));
    }

    static final List<String> ROLLBACK = List.of("remove-spns", "remove-credentials", "delete-account");

    private final Map<String, Step> steps;

    StepCatalog(List<Step> steps) {
        this.steps = steps.stream().collect(Collectors.toMap(Step::key, Function.identity()));
    }

    public Optional<Step> step(String key) {
        return Optional.ofNullable(steps.get(key));
    }

    /** The executor steps for these wizard steps; a wizard step whose executor steps are not all available is refused. */
    public List<Step> forWizardSteps(List<String> wizardKeys) {
        List<Step> result = new ArrayList<>();
        for (String wizardKey : wizardKeys) {
            for (String key : DEPLOY.getOrDefault(wizardKey, List.of())) {
                result.add(step(key).orElseThrow(() -> new ChangeRefused("The wizard step " + wizardKey
                        + " can't run from the console yet: its executor step " + key + " is not available in this build. "
                        + "Leave it out of the change and do it by hand.")));
            }
        }
        return result;
    }

    /** Rollback steps that this build has. */
    public List<Step> forRollback() {
        return ROLLBACK.stream().map(steps::get).filter(s -> s != null).toList();
    }

    /** The executor steps of one wizard step. */
    public List<Step> forWizardStep(String wizardKey) {
        return forWizardSteps(List.of(wizardKey));
    }
}
