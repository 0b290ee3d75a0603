package com.asaconsole.planning;

import java.lang.ref.SoftReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.asaconsole.audit.AuditEvent;
import com.asaconsole.audit.AuditTrail;
import com.asaconsole.topology.Topology;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/** The planning module's API: the live plan of the current topology, and immutable stored versions. */
@Service
@org.springframework.boot.context.properties.EnableConfigurationProperties(PlanningProperties.class)
public class PlanVersions {

    /** A stored version, read back. */
    public record Stored(int number, String contentHash, String createdBy, Instant createdAt, PlanDocument document, boolean intact) {
    }

    /** A stored version without its document: what a list of versions shows. */
    public record Summary(int number, String contentHash, String createdBy, Instant createdAt) {
    }

    /** What changed from one version to the next. */
    public record Difference(Integer previous, List<String> addedSpns, List<String> removedSpns, List<String> addedFindings,
            List<String> removedFindings) {

        public boolean none() {
            return addedSpns.isEmpty() && removedSpns.isEmpty() && addedFindings.isEmpty() && removedFindings.isEmpty();
        }

        public int size() {
            return addedSpns.size() + removedSpns.size() + addedFindings.size() + removedFindings.size();
        }

        /** At most {@code max} lines of each kind, for a page; {@link #size()} of the original says how many there were. */
        public Difference limited(int max) {
            return new Difference(previous, first(addedSpns, max), first(removedSpns, max), first(addedFindings, max),
                    first(removedFindings, max));
        }

        private static List<String> first(List<String> lines, int max) {
            return lines.size() <= max ? lines : List.copyOf(lines.subList(0, max));
        }
    }

    private final Topology topology;
    private final PlanVersionRepository versions;
    private final JsonMapper json;
    private final Clock clock;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final DocumentCache documents = new DocumentCache(8);

    private final SpnRegistrations registrations;

    PlanVersions(Topology topology, PlanVersionRepository versions, JsonMapper json, Clock clock, AuditTrail audit, JdbcClient jdbc,
            SpnRegistrations registrations, PlanningProperties properties) {
        this.registrations = registrations;
        this.viewRecheck = properties.viewRecheck();
        this.audit = audit;
        this.jdbc = jdbc;
        this.topology = topology;
        this.versions = versions;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The plan of the topology as it is now, with where its SPNs are registered read from every
     * connected forest (moves and holders outside the estate); nothing stored. The snapshot and the
     * first plan are made once per state of the topology ({@link Topology#fingerprint()}), the
     * directory is read on every call, and the plan with that reading is made again only when the
     * topology or the reading changed: twenty people on the plan page of a large estate cost one
     * snapshot and one plan, not twenty.
     */
    public PlanDocument current() {
        return currentWithHash().document();
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

    /** The plan of one state of the topology ({@link Topology#fingerprint()}) and its content hash. */
    public record Live(String fingerprint, PlanDocument document, String contentHash) {
    }

    /** The live plan with its content hash (see {@link #current()}): computed again only when the topology or the directory changed. */
    public Live currentWithHash() {
        String fingerprint = topology.fingerprint();
        Base base = this.base;
        if (base == null || !base.fingerprint().equals(fingerprint)) {
            synchronized (liveLock) {
                base = this.base;
                if (base == null || !base.fingerprint().equals(fingerprint)) {
                    var snapshot = topology.snapshot();
                    base = new Base(fingerprint, snapshot, SpnPlanner.plan(snapshot));
                    this.base = base;
                }
            }
        }
        DirectoryReading reading = registrations.read(base.snapshot(), base.first().spns());
        Live known = live;
        if (known != null && known.fingerprint().equals(fingerprint) && known.document().directory().equals(reading)) {
            return known;
        }
        synchronized (liveLock) {
            known = live;
            if (known != null && known.fingerprint().equals(fingerprint) && known.document().directory().equals(reading)) {
                return known;
            }
            PlanDocument document = new PlanDocument(base.snapshot(), SpnPlanner.plan(base.snapshot(), reading), reading);
            live = new Live(fingerprint, document, document.contentHash());
            return live;
        }
    }

    /** A state of the topology, its snapshot and the plan before the directory is read. */
    private record Base(String fingerprint, com.asaconsole.topology.TopologySnapshot snapshot, Plan first) {
    }

    private final Object liveLock = new Object();
    private volatile Base base;
    private volatile Live live;

    /** Stores the current plan as a new version, unless it is identical to the latest one. */
    @Transactional
    public Stored saveCurrent(String user) {
        Live live = currentWithHash();
        PlanDocument document = live.document();
        String hash = live.contentHash();
        Optional<PlanVersion> latest = versions.findFirstByOrderByNumberDesc();
        if (latest.isPresent() && latest.get().contentHash().equals(hash)) {
            return read(latest.get());
        }
        int number = latest.map(v -> v.number() + 1).orElse(1);
        // microseconds: what H2 and PostgreSQL keep, so the version returned here equals the one read back later
        PlanVersion saved = versions.save(new PlanVersion(null, number, hash, json.writeValueAsString(document), user,
                clock.instant().truncatedTo(ChronoUnit.MICROS)));
        marker = null;
        // in the same transaction: no audit record, no stored version
        audit.record(AuditEvent.of("plan.saved", "plan version " + number).withDetail("contentHash", hash)
                .withDetail("spns", document.plan().spns().size()).withDetail("blocked", document.plan().blocked()));
        return read(saved);
    }

    /**
     * A stored version, read and checked now. No transaction around it: the row is one query, and parsing and hashing
     * a large version's megabytes hold no pooled connection (twenty readers of a 2,000-server plan held every
     * connection while they parsed, and every other request waited: issue 15).
     */
    public Optional<Stored> find(int number) {
        return versions.findByNumber(number).map(this::read);
    }

    /**
     * A stored version for reading pages: as {@link #find} read and checked it at most {@code asa.planning.view-recheck} (15 s) ago. After
     * that its stored text is read, hashed and compared again, so a row altered in the database shows as tampered within
     * that time; twenty people on the page of a large version do not each read and hash megabytes. Submitting and running
     * a change always use {@link #find}. Held softly, like the parsed documents (ADR 0018).
     */
    public Optional<Stored> view(int number) {
        Instant now = clock.instant();
        synchronized (views) {
            Viewed known = views.get(number);
            Stored stored = known == null ? null : known.stored().get();
            if (stored != null && known.checked().plus(viewRecheck).isAfter(now)) {
                return Optional.of(stored);
            }
        }
        // people arriving together on a version not (or no longer) held share one read of it: one copy of its text and
        // one Stored, which the renderings shared by identity (deployment's RenderedOnce) then share too
        return viewing.read(number, () -> {
            Optional<Stored> fresh = find(number);
            fresh.ifPresent(stored -> {
                synchronized (views) {
                    views.put(number, new Viewed(new SoftReference<>(stored), now));
                }
            });
            return fresh;
        });
    }

    private final OneReadAtATime<Integer, Optional<Stored>> viewing = new OneReadAtATime<>();

    /** How long a page may show a stored version as it was last read and checked ({@code asa.planning.view-recheck}). */
    private final Duration viewRecheck;

    private record Viewed(SoftReference<Stored> stored, Instant checked) {
    }

    private final Map<Integer, Viewed> views = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Viewed> eldest) {
            return size() > 8;
        }
    };

    /** The newest stored version's number, without reading its document. */
    @Transactional(readOnly = true)
    public Optional<Integer> latestNumber() {
        return jdbc.sql("SELECT MAX(number) FROM plan_version").query(Integer.class).optional();
    }

    public Optional<Stored> latest() {
        Integer newest = jdbc.sql("SELECT MAX(number) FROM plan_version").query(Integer.class).optional().orElse(null);
        return newest == null ? Optional.empty() : view(newest);
    }

    /**
     * What the plan a lookup compares against is, in one cheap query: the newest stored version's
     * number, or the topology's fingerprint while none is stored. Changes whenever that plan does.
     */
    public String planMarker() {
        // asked on every SPN status look-up: one query outside a transaction (a read-only transaction on PostgreSQL
        // is four more round trips), reused for a second; a version stored on this node is seen at once
        Marker known = marker;
        long now = System.nanoTime();
        if (known != null && now - known.at() < MARKER_REUSE.toNanos()) {
            return known.marker();
        }
        Integer newest = jdbc.sql("SELECT MAX(number) FROM plan_version").query(Integer.class).optional().orElse(null);
        String value = newest != null ? "version " + newest : "live " + topology.fingerprint();
        // while no version is stored the marker follows every topology edit: not reused then
        marker = newest != null ? new Marker(value, now) : null;
        return value;
    }

    static final java.time.Duration MARKER_REUSE = java.time.Duration.ofSeconds(1);

    private record Marker(String marker, long at) {
    }

    private volatile Marker marker;

    /** One page of the stored versions, newest first, without their documents (nothing is parsed). */
    @Transactional(readOnly = true)
    public org.springframework.data.domain.Page<Summary> summaries(org.springframework.data.domain.Pageable page) {
        List<Summary> rows = jdbc.sql("SELECT number, content_hash, created_by, created_at FROM plan_version ORDER BY number DESC "
                + "LIMIT :size OFFSET :offset").param("size", page.getPageSize()).param("offset", page.getOffset())
                .query((rs, n) -> new Summary(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, java.time.OffsetDateTime.class).toInstant())).list();
        long total = jdbc.sql("SELECT COUNT(*) FROM plan_version").query(Long.class).single();
        return new org.springframework.data.domain.PageImpl<>(rows, page, total);
    }

    /** The difference between a version and the one before it (everything is "added" for the first). */
    public Difference differenceFromPrevious(Stored version) {
        Optional<Stored> previous = version.number() > 1 ? view(version.number() - 1) : Optional.empty();
        String key = previous.map(p -> p.number() + ":" + p.contentHash() + ":" + p.intact()).orElse("-") + "/" + version.number() + ":"
                + version.contentHash() + ":" + version.intact();
        synchronized (differences) {
            Difference known = differences.get(key);
            if (known != null) {
                return known;
            }
        }
        Difference made = difference(previous.map(Stored::document).orElse(null), version.document(),
                previous.map(Stored::number).orElse(null));
        synchronized (differences) {
            differences.put(key, made);
        }
        return made;
    }

    /** Differences of stored versions, which never change; a few kept, each a few thousand lines at most. */
    private final java.util.Map<String, Difference> differences = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Difference> eldest) {
            return size() > 16;
        }
    };

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
        // versions are immutable: one parse per stored text, shared by every reader (the text is compared, never trusted)
        DocumentCache.Parsed parsed = documents.get(version.document(), text -> json.readValue(text, PlanDocument.class));
        // a stored document that no longer matches its hash is shown as tampered, never silently trusted
        return new Stored(version.number(), version.contentHash(), version.createdBy(), version.createdAt(), parsed.document(),
                parsed.contentHash().equals(version.contentHash()));
    }
}
