package com.asaconsole.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;

/** The estate's health as the other modules and the pages read it: the latest round, its drift, history; and "check now". */
@Service
public class EstateHealth {

    private final HealthStore store;
    private final HealthSchedule.HealthTrigger trigger;

    EstateHealth(HealthStore store, HealthSchedule.HealthTrigger trigger) {
        this.store = store;
        this.trigger = trigger;
    }

    /** The latest round, or empty before the first one. */
    public Optional<HealthRound> latest() {
        return store.latest();
    }

    /** The latest round with its results grouped by subject and the drift since the round before. */
    public Optional<Report> report() {
        return store.latest().map(this::report);
    }

    Report report(HealthRound round) {
        List<CheckResult> results = store.results(round.id());
        Optional<HealthRound> before = store.before(round.id());
        Set<String> drifted = Drift.between(before.map(b -> store.results(b.id())).orElse(null), results);
        Map<String, List<CheckResult>> bySubject = new LinkedHashMap<>();
        results.forEach(r -> bySubject.computeIfAbsent(r.kind() + "|" + r.subject(), k -> new ArrayList<>()).add(r));
        List<Subject> subjects = new ArrayList<>();
        bySubject.values().forEach(checks -> {
            CheckResult first = checks.get(0);
            Verdict verdict = checks.stream().map(CheckResult::verdict).reduce(Verdict.OK, Verdict::worst);
            List<Check> shown = checks.stream().map(c -> new Check(c, drifted.contains(Drift.key(c)),
                    c.verdict() == Verdict.OK ? null : store.since(c, round.id()), PreparedFixes.offer(c).isPresent())).toList();
            List<LogonPoint> trend = first.kind() == SubjectKind.MEMBER ? store.logonTrend(first.subject(), 12) : List.of();
            subjects.add(new Subject(first.kind(), first.subject(), first.group(), verdict, shown, trend));
        });
        return new Report(round, before.orElse(null), subjects);
    }

    /** Recent rounds, newest first. */
    public List<HealthRound> history(int rounds) {
        return store.recent(rounds);
    }

    /**
     * Asks the scheduler for a round now (one node runs it, as for a scheduled round).
     *
     * @return false when a round kept running for ten seconds after the request (its results come soon)
     */
    public boolean checkNow() {
        return trigger.now();
    }

    /** A round's results for a page. */
    public record Report(HealthRound round, HealthRound previous, List<Subject> subjects) {

        public List<Subject> of(SubjectKind kind) {
            return subjects.stream().filter(s -> s.kind() == kind).toList();
        }

        public long drifted() {
            return subjects.stream().flatMap(s -> s.checks().stream()).filter(Check::drifted).count();
        }
    }

    /** One namespace SPN, member or ASA with the verdict of its worst check. */
    public record Subject(SubjectKind kind, String name, String group, Verdict verdict, List<Check> checks, List<LogonPoint> logonTrend) {

        public boolean drifted() {
            return checks.stream().anyMatch(Check::drifted);
        }

        public List<Check> failing() {
            return checks.stream().filter(c -> c.result().verdict() != Verdict.OK).toList();
        }
    }

    /**
     * @param drifted whether this check got worse since the round before
     * @param since for a check that is not OK: the start of the first round of the unbroken run with this verdict
     * @param fixable whether its fix can be prepared as a change from the page
     */
    public record Check(CheckResult result, boolean drifted, java.time.Instant since, boolean fixable) {
    }
}
