package com.asaconsole.helpdesk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.stereotype.Component;

/**
 * An SPN lookup costs a TLS connection to the Global Catalog, searches and a ticket from the KDC
 * per SPN (hundreds of milliseconds, and work for the DC). The helpdesk asks the same few
 * questions again and again, often at once: a lookup is answered from one made less than
 * {@code asa.helpdesk.status-reuse} ago (30 s), and concurrent askers of the same question wait for
 * one lookup instead of each starting their own. A newly stored plan version starts afresh (the
 * answer compares with the plan); a change in the directory shows within that time, or at once with
 * "Check again". The page says when the answer was checked, and
 * "Check again" forces a new lookup (one started less than a second before, e.g. by a colleague or
 * a double click, is shared). Failures are never reused. At most 500 answers are kept.
 */
@Component
@org.springframework.boot.context.properties.EnableConfigurationProperties(HelpdeskProperties.class)
class RecentLookups {

    static final Duration MIN_FRESH_INTERVAL = Duration.ofSeconds(1);
    private static final int MAX_KEPT = 500;

    private record Entry(CompletableFuture<SpnStatusReport> report, Instant started) {
    }

    private final SpnStatusService service;
    private final com.asaconsole.planning.PlanVersions plans;
    private final Clock clock;
    private final Duration reuse;
    private final Map<String, Entry> recent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_KEPT;
        }
    };

    RecentLookups(SpnStatusService service, com.asaconsole.planning.PlanVersions plans, Clock clock,
            HelpdeskProperties properties) {
        this.service = service;
        this.plans = plans;
        this.clock = clock;
        this.reuse = properties.statusReuse();
    }

    SpnStatusReport report(String forest, String query, boolean fresh) {
        // the question exactly as typed (the report repeats it and warns about what is odd in it); the answer compares
        // with the plan: a newly stored version (or, before any, an edited topology) is a new question
        String key = forest + "\n" + query + "\n" + plans.planMarker();
        Instant now = clock.instant();
        Entry mine = null;
        CompletableFuture<SpnStatusReport> theirs;
        synchronized (recent) {
            Entry known = recent.get(key);
            boolean usable = known != null && known.started().plus(reuse).isAfter(now)
                    && (!fresh || known.started().plus(MIN_FRESH_INTERVAL).isAfter(now));
            if (usable) {
                theirs = known.report();
            } else {
                mine = new Entry(new CompletableFuture<>(), now);
                recent.put(key, mine);
                theirs = mine.report();
            }
        }
        if (mine != null) {
            try {
                mine.report().complete(service.lookUp(forest, query));
            } catch (RuntimeException | Error e) {
                synchronized (recent) {
                    recent.remove(key, mine); // only this failed lookup: a newer one ("Check again") stays
                }
                mine.report().completeExceptionally(e);
                throw e;
            }
        }
        try {
            return theirs.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
