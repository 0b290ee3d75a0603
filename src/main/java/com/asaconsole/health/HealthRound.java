package com.asaconsole.health;

import java.time.Instant;

/**
 * One round of the estate checks.
 *
 * @param trigger SCHEDULE or ON_DEMAND
 * @param node the console node that ran it
 * @param planVersion the stored plan version checked against, or null when there was none
 * @param note why a round checked nothing (no plan, no directory connection), or null
 */
public record HealthRound(long id, Instant startedAt, Instant finishedAt, String trigger, String node, Integer planVersion, String note,
        int ok, int warn, int fail) {

    /** Whether the round checked anything (a round without a stored plan checks nothing). */
    public boolean checked() {
        return ok + warn + fail > 0;
    }

    public Verdict verdict() {
        return fail > 0 ? Verdict.FAIL : warn > 0 ? Verdict.WARN : Verdict.OK;
    }
}
