package com.asaconsole.health;

import java.time.Instant;

/**
 * One round of the estate checks.
 *
 * @param trigger why it ran
 * @param node the console node that ran it
 * @param planVersion the stored plan version checked against, or null when there was none
 * @param note why a round checked nothing (no plan, no directory connection), or null
 */
public record HealthRound(long id, Instant startedAt, Instant finishedAt, Trigger trigger, String node, Integer planVersion, String note,
        int ok, int warn, int fail) {

    /** Why a round ran. Stored in {@code health_round.trigger_kind} and shown by the API by these names. */
    public enum Trigger {
        /** The recurring schedule ({@code asa.health.interval}). */
        SCHEDULE,
        /** Someone asked ("Check now", {@code POST /api/health/check}). */
        ON_DEMAND
    }

    /** Whether the round checked anything (a round without a stored plan checks nothing). */
    public boolean checked() {
        return ok + warn + fail > 0;
    }

    public Verdict verdict() {
        return fail > 0 ? Verdict.FAIL : warn > 0 ? Verdict.WARN : Verdict.OK;
    }
}
