package com.asaconsole.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * What Prometheus learns from the latest round of the estate checks (ADR 38): how many checks came out OK, WARN or
 * FAIL by kind and check, each member's Kerberos and NTLM logons in the round's window and its Kerberos share, and
 * when the round started. Read from the stored round every {@code asa.health.metrics-refresh} (30 s), only when a
 * newer round exists, never during a scrape. Tags are bounded: kinds, check keys and verdicts come from the code; the
 * member tag is a Client Access server of the modelled estate, and its series go when the member leaves the checks.
 */
@Component
class HealthMetrics {

    private final HealthStore store;
    private final MultiGauge checks;
    private final MultiGauge logons;
    private final MultiGauge kerberosShare;
    private final AtomicLong roundStarted = new AtomicLong();
    private volatile long shownRound = -1;

    HealthMetrics(HealthStore store, MeterRegistry registry) {
        this.store = store;
        this.checks = MultiGauge.builder("asa.health.checks").description("Checks of the latest estate round by kind, check and verdict")
                .register(registry);
        this.logons = MultiGauge.builder("asa.health.logons")
                .description("Logons per Client Access member in the latest round's window, by package (kerberos, ntlm)").register(registry);
        this.kerberosShare = MultiGauge.builder("asa.health.kerberos.share")
                .description("Kerberos logons' share of Kerberos and NTLM logons per member in the latest round (0 to 1)").register(registry);
        Gauge.builder("asa.health.round.started", roundStarted, AtomicLong::get).description("When the latest estate round started")
                .baseUnit("seconds").register(registry);
    }

    /** Takes the latest stored round's results into the gauges when it is newer than the one shown. */
    @Scheduled(fixedDelayString = "${asa.health.metrics-refresh:30s}", initialDelayString = "${asa.health.metrics-refresh:30s}")
    void refresh() {
        HealthRound round = store.latest().orElse(null);
        if (round == null || round.id() == shownRound) {
            return;
        }
        List<CheckResult> results = store.results(round.id());
        Map<Tags, Integer> counts = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        List<MultiGauge.Row<?>> logonRows = new ArrayList<>();
        List<MultiGauge.Row<?>> shareRows = new ArrayList<>();
        for (CheckResult r : results) {
            counts.merge(Tags.of("kind", r.kind().name(), "check", r.check(), "verdict", r.verdict().name()), 1, Integer::sum);
            if (r.kind() == SubjectKind.MEMBER && r.kerberosLogons() != null && r.ntlmLogons() != null) {
                String member = r.subject().toLowerCase(Locale.ROOT);
                logonRows.add(MultiGauge.Row.of(Tags.of("member", member, "package", "kerberos"), r.kerberosLogons()));
                logonRows.add(MultiGauge.Row.of(Tags.of("member", member, "package", "ntlm"), r.ntlmLogons()));
                long all = r.kerberosLogons() + r.ntlmLogons();
                if (all > 0) {
                    shareRows.add(MultiGauge.Row.of(Tags.of("member", member), (double) r.kerberosLogons() / all));
                }
            }
        }
        List<MultiGauge.Row<?>> checkRows = new ArrayList<>();
        counts.forEach((tags, count) -> checkRows.add(MultiGauge.Row.of(tags, count)));
        checks.register(checkRows, true);
        logons.register(logonRows, true);
        kerberosShare.register(shareRows, true);
        roundStarted.set(round.startedAt().getEpochSecond());
        shownRound = round.id();
    }
}
