package com.asaconsole.health;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What got worse between two rounds: a check whose verdict is worse than the round before gave it. */
final class Drift {

    private Drift() {
    }

    static String key(CheckResult r) {
        return r.kind() + "|" + r.subject().toLowerCase(java.util.Locale.ROOT) + "|" + r.check();
    }

    /**
     * @param previous the results of the round before, or null for the first round (nothing can have drifted)
     * @return the keys ({@link #key}) of the results that got worse; a check the previous round did not make counts when it is not OK
     */
    static java.util.Set<String> between(List<CheckResult> previous, List<CheckResult> current) {
        java.util.Set<String> drifted = new java.util.HashSet<>();
        if (previous == null) {
            return drifted;
        }
        Map<String, Verdict> before = new HashMap<>();
        previous.forEach(r -> before.put(key(r), r.verdict()));
        for (CheckResult r : current) {
            Verdict was = before.getOrDefault(key(r), Verdict.OK);
            if (r.verdict().ordinal() > was.ordinal()) {
                drifted.add(key(r));
            }
        }
        return drifted;
    }
}
