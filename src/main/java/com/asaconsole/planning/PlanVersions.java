package com.asaconsole.planning;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.asaconsole.audit.AuditEvent;
import com.asaconsole.audit.AuditTrail;
import com.asaconsole.topology.Topology;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/** The planning module's API: the live plan of the current topology, and immutable stored versions. */
@Service
public class PlanVersions {

    /** A stored version, read back. */
    public record Stored(int number, String contentHash, String createdBy, Instant createdAt, PlanDocument document, boolean intact) {
    }

    /** What changed from one version to the next. */
    public record Difference(Integer previous, List<String> addedSpns, List<String> removedSpns, List<String> addedFindings,
            List<String> removedFindings) {

        public boolean none() {
            return addedSpns.isEmpty() && removedSpns.isEmpty() && addedFindings.isEmpty() && removedFindings.isEmpty();
        }
    }

    private final Topology topology;
    private final PlanVersionRepository versions;
    private final JsonMapper json;
    private final Clock clock;
    private final AuditTrail audit;

    private final SpnRegistrations registrations;

    PlanVersions(Topology topology, PlanVersionRepository versions, JsonMapper json, Clock clock, AuditTrail audit,
            SpnRegistrations registrations) {
        this.registrations = registrations;
        this.audit = audit;
        this.topology = topology;
        this.versions = versions;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The plan of the topology as it is now, with where its SPNs are registered read from every
     * connected forest (moves and holders outside the estate); nothing stored.
     */
    public PlanDocument current() {
        var snapshot = topology.snapshot();
        Plan first = SpnPlanner.plan(snapshot);
        DirectoryReading reading = registrations.read(snapshot, first.spns());
        return new PlanDocument(snapshot, SpnPlanner.plan(snapshot, reading), reading);
    }

    /** The hash of the topology as it is now (no directory read): what an approval is bound to besides its content. */
    public String currentTopologyHash() {
        return new PlanDocument(topology.snapshot(), new Plan(List.of(), List.of())).topologyHash();
    }

    /**
     * The plan of the topology as it is now, planned with what {@code approved} read from the directory
     * (not read again: a move the job made must not change the plan mid-run).
     */
    public PlanDocument replan(PlanDocument approved) {
        var snapshot = topology.snapshot();
        return new PlanDocument(snapshot, SpnPlanner.plan(snapshot, approved.directory()), approved.directory());
    }

    /** Stores the current plan as a new version, unless it is identical to the latest one. */
    @Transactional
    public Stored saveCurrent(String user) {
        PlanDocument document = current();
        String hash = document.contentHash();
        Optional<PlanVersion> latest = versions.findFirstByOrderByNumberDesc();
        if (latest.isPresent() && latest.get().contentHash().equals(hash)) {
            return read(latest.get());
        }
        int number = latest.map(v -> v.number() + 1).orElse(1);
        // microseconds: what H2 and PostgreSQL keep, so the version returned here equals the one read back later
        PlanVersion saved = versions.save(new PlanVersion(null, number, hash, json.writeValueAsString(document), user,
                clock.instant().truncatedTo(ChronoUnit.MICROS)));
        // in the same transaction: no audit record, no stored version
        audit.record(AuditEvent.of("plan.saved", "plan version " + number).withDetail("contentHash", hash)
                .withDetail("spns", document.plan().spns().size()).withDetail("blocked", document.plan().blocked()));
        return read(saved);
    }

    @Transactional(readOnly = true)
    public Optional<Stored> find(int number) {
        return versions.findByNumber(number).map(this::read);
    }

    @Transactional(readOnly = true)
    public Optional<Stored> latest() {
        return versions.findFirstByOrderByNumberDesc().map(this::read);
    }

    @Transactional(readOnly = true)
    public List<Stored> all() {
        return versions.findAllByOrderByNumberDesc().stream().map(this::read).toList();
    }

    /** The difference between a version and the one before it (everything is "added" for the first). */
    public Difference differenceFromPrevious(Stored version) {
        Optional<Stored> previous = version.number() > 1 ? find(version.number() - 1) : Optional.empty();
        return difference(previous.map(Stored::document).orElse(null), version.document(), previous.map(Stored::number).orElse(null));
    }

    static Difference difference(PlanDocument before, PlanDocument after, Integer previousNumber) {
        Set<String> oldSpns = new TreeSet<>();
        Set<String> oldFindings = new TreeSet<>();
        if (before != null) {
            before.plan().spns().forEach(s -> oldSpns.add(s.spn() + " on " + s.asa()));
            before.plan().findings().forEach(f -> oldFindings.add(f.severity() + ": " + f.sentence()));
        }
        Set<String> newSpns = new TreeSet<>();
        Set<String> newFindings = new TreeSet<>();
        after.plan().spns().forEach(s -> newSpns.add(s.spn() + " on " + s.asa()));
        after.plan().findings().forEach(f -> newFindings.add(f.severity() + ": " + f.sentence()));
        return new Difference(previousNumber, minus(newSpns, oldSpns), minus(oldSpns, newSpns), minus(newFindings, oldFindings),
                minus(oldFindings, newFindings));
    }

    private static List<String> minus(Set<String> a, Set<String> b) {
        return a.stream().filter(x -> !b.contains(x)).toList();
    }

    private Stored read(PlanVersion version) {
        PlanDocument document = json.readValue(version.document(), PlanDocument.class);
        // a stored document that no longer matches its hash is shown as tampered, never silently trusted
        return new Stored(version.number(), version.contentHash(), version.createdBy(), version.createdAt(), document,
                document.contentHash().equals(version.contentHash()));
    }
}
