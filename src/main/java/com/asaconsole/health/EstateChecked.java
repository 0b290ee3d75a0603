package com.asaconsole.health;

import java.util.List;

/**
 * Published when a round of the estate checks is stored (for notifications, webhooks and metrics).
 *
 * @param drift the sentences of the checks that got worse since the round before; empty when nothing did
 */
public record EstateChecked(long roundId, Verdict verdict, int ok, int warn, int fail, List<String> drift) {

    public EstateChecked {
        drift = List.copyOf(drift);
    }
}
