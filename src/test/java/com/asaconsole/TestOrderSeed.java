package com.asaconsole;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints the seed of the run's random method order (pom.xml: every test class without a declared order runs its
 * methods in a different order each run, so no test can lean on another's leftovers unseen), with the command that
 * repeats that order when a run fails.
 */
public class TestOrderSeed implements TestExecutionListener {

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        plan.getConfigurationParameters().get("junit.jupiter.execution.order.random.seed")
                .ifPresent(seed -> System.out.println("[test order] methods in random order, seed " + seed
                        + "; to repeat this order: ./mvnw verify -Dasa.test.seed=" + seed));
    }
}
