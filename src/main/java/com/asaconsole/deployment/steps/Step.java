package com.asaconsole.deployment.steps;

import java.util.List;

/**
 * One executable step of a deployment job. Directory steps (LDAP) and remote steps (WinRM to the
 * CAS members) implement it alike: the executor runs {@link #precheck} on the real state of each
 * target, {@link #apply} only when the precheck says the work is not done yet, then {@link #verify}.
 * A step is idempotent because its precheck sees finished work: re-running it is a no-op.
 * <p>
 * {@link #operations} renders exactly what apply will send (from the plan alone): the wizard, the
 * change page, the change document and the frozen change are made of it. Apply builds the same
 * values again and writes through {@link JobScope#write}, which refuses a write whose rendering is
 * not the approved one and records an audit intent naming the approved operation before the call.
 */
public interface Step {

    String key();

    String title();

    /** The targets, in order: ASA accounts, SPNs or CAS members. One task each. */
    List<String> targets(ChangeScope scope);

    /** Remote steps fan out over the CAS members with the configured concurrency; directory steps run one target at a time. */
    default boolean remote() {
        return false;
    }

    /** What this step does to this target, in order, rendered from the values apply sends (secrets masked). */
    List<Operation> operations(ChangeScope scope, String target);

    /** Reads the real state. {@link Check#done()} means there is nothing to apply. Throws {@link StepFailed} when the target can't be changed safely. */
    Check precheck(JobScope scope, String target);

    /** Makes the change; returns a line for the operations log. */
    String apply(JobScope scope, String target);

    /** Reads the real state again after apply; not done means the change did not take. */
    Check verify(JobScope scope, String target);

    /** A reading of real state: done or not, in a sentence for the operations log. */
    record Check(boolean done, String detail) {

        static Check done(String detail) {
            return new Check(true, detail);
        }

        static Check toDo(String detail) {
            return new Check(false, detail);
        }
    }
}
