package com.asaconsole.health;

import java.util.List;

/**
 * Published when a stored round of the estate checks found drift: checks worse than in the round
 * before (for notifications and webhooks). Rounds without drift publish nothing, so the event
 * publication registry does not grow by a row every interval.
 *
 * @param drift the sentences of the checks that got worse since the round before, never empty
 */
public record DriftFound(long roundId, Verdict verdict, int ok, int warn, int fail, List<String> drift) {

    public DriftFound {
        drift = List.copyOf(drift);
    }
}
