package com.asaconsole.directory;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The forest-wide SPN inventory and duplicate scan, in the background: the directory streams
 * entries in, a writer stores them in batches as a dated snapshot, one row per account (memory
 * stays flat however large the forest), and an external sort finds the duplicates (ADR 13) —
 * compared without case, and also after removing invisible and non-ASCII characters, which hide
 * look-alike duplicates.
 */
@Service
@org.springframework.boot.context.properties.EnableConfigurationProperties(DirectoryProperties.class)
public class SpnInventory implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SpnInventory.class);
    private static final int BATCH = 1000;
    /** SPNs sorted in memory at a time by the duplicate finder (about 5 MB); more are spilled to disk. */
    static final int SORT_RUN = 20_000;
    /** The longest value of an inventory row's SPN list (its column's size). */
    private static final int MAX_SPNS_CHARS = 1_000_000;
    private static final String FINDING_INSERT = "INSERT INTO spn_scan_finding "
            + "(scan_id, kind, match_key, spn, account_dn, sam_account) VALUES (?, ?, ?, ?, ?, ?)";
    private static final List<SpnEntry> END = new ArrayList<>();

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final DirectoryGateway gateway;
    private final Clock clock;
    private final int sortRun;
    private final java.nio.file.Path spillDirectory;
    private final AsyncTaskExecutor scans;
    private final AsyncTaskExecutor writers;
    private final Duration abandonedAfter;
    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    private final MeterRegistry metrics;

    /**
     * For tools outside the console (benchmarks, migration tests), which scan with {@link #runNow}: scans are counted in
     * Micrometer's global registry; {@code threads} runs the writer.
     */
    SpnInventory(JdbcClient jdbc, JdbcTemplate jdbcTemplate, DirectoryGateway gateway, Clock clock, DirectoryProperties properties,
            AsyncTaskExecutor threads) {
        this(jdbc, jdbcTemplate, gateway, clock, properties, Metrics.globalRegistry, threads, threads);
    }

    @Autowired
    SpnInventory(JdbcClient jdbc, JdbcTemplate jdbcTemplate, DirectoryGateway gateway, Clock clock,
            DirectoryProperties properties, MeterRegistry registry, @Qualifier("spnScanThreads") AsyncTaskExecutor scans,
            @Qualifier("spnScanWriterThreads") AsyncTaskExecutor writers) {
        this.scans = scans;
        this.writers = writers;
        this.abandonedAfter = properties.scanHeartbeat().multipliedBy(properties.scanMissedHeartbeats());
        this.metrics = registry;
        this.jdbc = jdbc;
        this.sortRun = properties.scanSortRun();
        this.spillDirectory = properties.scanSpillDirectory();
        this.jdbcTemplate = jdbcTemplate;
        this.gateway = gateway;
        this.clock = clock;
    }

    public enum Status { RUNNING, FINISHED, FAILED, CANCELLED }

    public record Scan(long id, String forest, Instant startedAt, Instant finishedAt, Status status, long accountsSeen,
            long spnsSeen, String message) {
    }

    /** An SPN that more than one account holds (or would, but for a hidden character). */
    public record Duplicate(String spn, List<SpnOwner> owners, boolean lookAlike) {
    }

    public record Suspicious(String spn, String accountDn, String samAccountName, String problem) {
    }

    /** Starts a scan in the background and returns its id at once. */
    public long start(DirectoryConnection connection) {
        long id = insertScan(connection.forest());
        Running run = new Running();
        running.put(id, run);
        run.future = scans.submit(() -> scan(id, connection, run));
        return id;
    }

    /** Runs a scan on the calling thread (for benchmarks and the command line). */
    public Scan runNow(DirectoryConnection connection) {
        long id = insertScan(connection.forest());
        Running run = new Running();
        running.put(id, run);
        scan(id, connection, run);
        return find(id).orElseThrow();
    }

    public void cancel(long id) {
        Running run = running.get(id);
        if (run != null) {
            run.cancelled.set(true);
        }
    }

    public Optional<Scan> find(long id) {
        Optional<Scan> stored = jdbc.sql("SELECT id, forest, started_at, finished_at, status, accounts_seen, spns_seen, message "
                + "FROM spn_scan WHERE id = :id").param("id", id).query(SpnInventory::scanRow).optional();
        Running run = running.get(id);
        if (run != null && stored.isPresent() && stored.get().status() == Status.RUNNING) {
            Scan s = stored.get();
            return Optional.of(new Scan(s.id(), s.forest(), s.startedAt(), null, Status.RUNNING, run.accounts.get(), run.spns.get(), null));
        }
        return stored;
    }

    public Optional<Scan> latest(String forest) {
        return jdbc.sql("SELECT id FROM spn_scan WHERE forest = :forest ORDER BY id DESC").param("forest", forest)
                .query(Long.class).list().stream().findFirst().flatMap(this::find);
    }

    /** Waits for a background scan (tests, command line). */
    public Scan await(long id, long timeoutMillis) throws Exception {
        Running run = running.get(id);
        if (run != null && run.future != null) {
            run.future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        }
        return find(id).orElseThrow();
    }

    public List<Duplicate> duplicates(long scanId) {
        List<Duplicate> duplicates = new ArrayList<>();
        List<SpnDuplicateFinder.Keyed> group = new ArrayList<>();
        jdbc.sql("SELECT match_key, spn, account_dn, sam_account FROM spn_scan_finding WHERE scan_id = :id AND kind = 'DUPLICATE' "
                + "ORDER BY match_key, account_dn").param("id", scanId).query((java.sql.ResultSet rs) -> {
                    while (rs.next()) {
                        SpnDuplicateFinder.Keyed k = new SpnDuplicateFinder.Keyed(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4));
                        if (!group.isEmpty() && !group.get(0).matchKey().equals(k.matchKey())) {
                            duplicates.add(duplicate(group));
                            group.clear();
                        }
                        group.add(k);
                    }
                    return duplicates;
                });
        if (!group.isEmpty()) {
            duplicates.add(duplicate(group));
        }
        return duplicates;
    }

    private static Duplicate duplicate(List<SpnDuplicateFinder.Keyed> holders) {
        boolean lookAlike = holders.stream().map(k -> k.spn().toLowerCase(Locale.ROOT)).distinct().count() > 1;
        return new Duplicate(holders.get(0).spn(),
                holders.stream().map(k -> new SpnOwner(k.accountDn(), k.samAccountName())).distinct().toList(), lookAlike);
    }

    public List<Suspicious> suspicious(long scanId) {
        return jdbc.sql("SELECT spn, account_dn, sam_account FROM spn_scan_finding WHERE scan_id = :id AND kind = 'SUSPICIOUS' "
                + "ORDER BY account_dn").param("id", scanId)
                .query((rs, n) -> new Suspicious(rs.getString(1), rs.getString(2), rs.getString(3), SpnName.problem(rs.getString(1))))
                .list();
    }

    /**
     * The snapshot's inventory, streamed account by account (sorted by DN); each SPN of each account once.
     * Rows are fetched 100 at a time (on PostgreSQL only inside a transaction), so memory stays flat.
     */
    public void inventory(long scanId, java.util.function.Consumer<SpnOwnership> sink) {
        try {
            inTransaction(c -> {
                try (java.sql.PreparedStatement select = c.prepareStatement("SELECT account_dn, sam_account, spns "
                        + "FROM spn_scan_account WHERE scan_id = ? ORDER BY account_dn, part", java.sql.ResultSet.TYPE_FORWARD_ONLY,
                        java.sql.ResultSet.CONCUR_READ_ONLY)) {
                    select.setFetchSize(100);
                    select.setLong(1, scanId);
                    try (java.sql.ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            for (String spn : SpnList.split(rs.getString(3))) {
                                sink.accept(new SpnOwnership(spn, rs.getString(1), rs.getString(2)));
                            }
                        }
                    }
                }
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("The inventory of scan " + scanId + " could not be read", e);
        }
    }

    /**
     * The accounts a scan found holding each of these SPNs (compared in lower case; keys lower case). Reads the scan's
     * whole inventory once, streamed: proportional to the forest, so callers keep the answer for a finished scan,
     * which never changes.
     */
    public Map<String, List<SpnOwner>> holders(long scanId, java.util.Set<String> spns) {
        java.util.Set<String> wanted = new java.util.HashSet<>();
        spns.forEach(s -> wanted.add(s.toLowerCase(Locale.ROOT)));
        Map<String, List<SpnOwner>> found = new java.util.HashMap<>();
        inventory(scanId, o -> {
            String key = o.spn().toLowerCase(Locale.ROOT);
            if (wanted.contains(key)) {
                found.computeIfAbsent(key, k -> new ArrayList<>()).add(new SpnOwner(o.accountDn(), o.samAccountName()));
            }
        });
        return found;
    }

    /** One SPN of the inventory and the account that held it. */
    public record SpnOwnership(String spn, String accountDn, String samAccountName) {
    }

    /** Case-insensitive, and blind to the invisible or non-ASCII characters that hide a duplicate. */
    static String matchKey(String spn) {
        if (!hasOddCharacter(spn)) { // printable ASCII, nearly every SPN: NFKC leaves it as it is
            return spn.toLowerCase(Locale.ROOT);
        }
        String folded = Normalizer.normalize(spn, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c > 0x20 && c < 0x7F) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private void scan(long id, DirectoryConnection connection, Running run) {
        Status status = Status.FINISHED;
        String message = null;
        long began = System.nanoTime();
        long read = 0;
        long stored = 0;
        int runsOnDisk = 0;
        SpnDuplicateFinder finder = new SpnDuplicateFinder(spillDirectory, sortRun);
        AtomicBoolean writerStarted = new AtomicBoolean();
        CountDownLatch writerDone = new CountDownLatch(1);
        Future<?> writer = null;
        try {
            BlockingQueue<List<SpnEntry>> queue = new ArrayBlockingQueue<>(8);
            writer = writers.submit(() -> {
                if (!writerStarted.compareAndSet(false, true)) {
                    return null; // cancelled before it began
                }
                try {
                    write(id, queue, finder);
                } finally {
                    writerDone.countDown();
                }
                return null;
            });
            Future<?> writing = writer;
            try {
                // the reader only collects raw entries; the writer thread computes the match keys and stores them
                List<SpnEntry>[] batch = new List[] { new ArrayList<SpnEntry>(BATCH) };
                long accounts = gateway.scanReader(connection).scanSpns(entry -> {
                    run.spns.incrementAndGet();
                    batch[0].add(entry);
                    if (batch[0].size() == BATCH) {
                        put(queue, batch[0], writing);
                        batch[0] = new ArrayList<>(BATCH);
                    }
                }, run.cancelled::get);
                put(queue, batch[0], writing);
                run.accounts.set(accounts);
                read = System.nanoTime();
            } catch (ScanCancelled e) {
                status = Status.CANCELLED;
                message = "Cancelled after " + run.spns.get() + " SPNs.";
            } catch (DirectoryException e) {
                status = Status.FAILED;
                message = e.getMessage();
            } finally {
                try {
                    put(queue, END, writing);
                } catch (RuntimeException writerGone) {
                    // the writer has stopped already (its failure is reported below), or this thread was interrupted
                }
            }
            try {
                writer.get();
                stored = System.nanoTime();
                runsOnDisk = finder.spilledRuns();
                if (status == Status.FINISHED) {
                    storeDuplicates(id, finder);
                }
            } catch (InterruptedException e) { // the console is shutting down
                Thread.currentThread().interrupt();
                if (status == Status.FINISHED) {
                    status = Status.CANCELLED;
                    message = "Stopped when the console shut down, after " + run.spns.get() + " SPNs.";
                }
            } catch (Exception e) {
                status = Status.FAILED;
                Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
                message = cause instanceof SpnDuplicateFinder.SpillFailed ? cause.getMessage()
                        : "The scan's results could not be stored; see the console's log.";
                log.warn("SPN scan {} could not store its entries", id, e);
            }
        } catch (RuntimeException e) { // the read, or handing work to the writer, failed in a way not foreseen
            status = Status.FAILED;
            message = "The scan stopped unexpectedly (" + e.getClass().getSimpleName() + "); see the console's log.";
            log.warn("SPN scan {} failed", id, e);
        } finally {
            // the finder's files are deleted only once the writer is certain not to touch them again
            if (writer != null) {
                writer.cancel(true);
                if (!writerStarted.compareAndSet(false, true)) {
                    awaitUninterruptibly(writerDone);
                }
            }
            try {
                finder.close();
            } catch (RuntimeException e) {
                log.warn("SPN scan {} could not delete its temporary files under {}", id, spillDirectory, e);
            }
        }
        boolean interrupted = Thread.interrupted(); // record the outcome even while the console shuts down
        try {
            jdbc.sql("UPDATE spn_scan SET finished_at = :now, status = :status, accounts_seen = :accounts, spns_seen = :spns, "
                    + "message = :message WHERE id = :id").param("now", clock.instant().atOffset(ZoneOffset.UTC))
                    .param("status", status.name()).param("accounts", run.accounts.get()).param("spns", run.spns.get())
                    .param("message", message).param("id", id).update();
        } finally {
            running.remove(id);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        recordMetrics(status, System.nanoTime() - began, run.accounts.get(), run.spns.get());
        if (status == Status.FINISHED) {
            long ended = System.nanoTime();
            log.info("SPN scan {} of {}: {} SPNs of {} accounts read in {} ms; the last stored {} ms later; duplicates "
                    + "merged from {} sorted runs on disk and stored {} ms after that", id, connection.forest(), run.spns.get(),
                    run.accounts.get(), (read - began) / 1_000_000, (stored - read) / 1_000_000, runsOnDisk,
                    (ended - stored) / 1_000_000);
        }
    }

    /**
     * A scan ended: how long it took and how many SPNs and accounts it read, by how it ended (ADR 38). The forest is no
     * tag: the outcome is the only one, so the series stay few whatever the estate.
     */
    private void recordMetrics(Status status, long nanos, long accounts, long spns) {
        Timer.builder("asa.inventory.scans").description("Forest-wide SPN scans by how they ended")
                .tag("outcome", status.name()).register(metrics).record(Duration.ofNanos(nanos));
        DistributionSummary.builder("asa.inventory.scan.spns").description("SPNs read per scan")
                .tag("outcome", status.name()).register(metrics).record(spns);
        DistributionSummary.builder("asa.inventory.scan.accounts")
                .description("Accounts with SPNs read per scan").tag("outcome", status.name()).register(metrics).record(accounts);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean hasOddCharacter(String spn) {
        for (int i = 0; i < spn.length(); i++) {
            char c = spn.charAt(i);
            if (c > 0x7E || c < 0x21) {
                return true;
            }
        }
        return false;
    }

    /**
     * The writer thread: one transaction per batch, beside the directory read. It stores each account's
     * SPNs as inventory rows and every suspicious SPN as a finding, and hands every SPN with its match key
     * to the duplicate finder.
     */
    private void write(long id, BlockingQueue<List<SpnEntry>> queue, SpnDuplicateFinder finder) throws Exception {
        inTransaction(c -> {
            try (java.sql.PreparedStatement accounts = c.prepareStatement(
                    "INSERT INTO spn_scan_account (scan_id, account_dn, sam_account, part, spns) VALUES (?, ?, ?, ?, ?)");
                    java.sql.PreparedStatement findings = c.prepareStatement(FINDING_INSERT)) {
                InventoryRows rows = new InventoryRows(MAX_SPNS_CHARS, (dn, sam, part, spns) -> {
                    accounts.setLong(1, id);
                    accounts.setString(2, dn);
                    accounts.setString(3, sam);
                    accounts.setInt(4, part);
                    accounts.setString(5, spns);
                    accounts.addBatch();
                });
                while (true) {
                    List<SpnEntry> entries = queue.take();
                    for (SpnEntry e : entries) {
                        SpnDuplicateFinder.Keyed keyed = new SpnDuplicateFinder.Keyed(matchKey(e.spn()), e.spn(), e.accountDn(),
                                e.samAccountName());
                        finder.add(keyed);
                        if (hasOddCharacter(e.spn())) {
                            addFinding(findings, id, "SUSPICIOUS", keyed);
                        }
                        rows.add(e.spn(), e.accountDn(), e.samAccountName());
                    }
                    if (entries == END) {
                        rows.flush();
                    }
                    accounts.executeBatch();
                    findings.executeBatch();
                    c.commit();
                    if (entries == END) {
                        return;
                    }
                }
            }
        });
    }

    /** After a complete read: merges the sorted runs and stores every holder of each duplicated SPN, 1,000 at a time. */
    private void storeDuplicates(long id, SpnDuplicateFinder finder) throws Exception {
        inTransaction(c -> {
            try (java.sql.PreparedStatement findings = c.prepareStatement(FINDING_INSERT)) {
                int[] pending = { 0 };
                finder.duplicates(holder -> {
                    try {
                        addFinding(findings, id, "DUPLICATE", holder);
                        if (++pending[0] == BATCH) {
                            findings.executeBatch();
                            pending[0] = 0;
                        }
                    } catch (java.sql.SQLException e) {
                        throw new java.io.IOException(e);
                    }
                });
                findings.executeBatch();
            }
        });
    }

    @FunctionalInterface
    private interface ConnectionWork {
        void run(java.sql.Connection connection) throws Exception;
    }

    /** Runs on one connection of the pool, in one transaction (the work may commit along the way). */
    private void inTransaction(ConnectionWork work) throws Exception {
        try (java.sql.Connection c = jdbcTemplate.getDataSource().getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static void addFinding(java.sql.PreparedStatement insert, long scanId, String kind, SpnDuplicateFinder.Keyed k)
            throws java.sql.SQLException {
        insert.setLong(1, scanId);
        insert.setString(2, kind);
        insert.setString(3, k.matchKey());
        insert.setString(4, k.spn());
        insert.setString(5, k.accountDn());
        insert.setString(6, k.samAccountName());
        insert.addBatch();
    }

    /** Hands a batch to the writer; stops the read when the writer has died rather than wait for it forever. */
    private static void put(BlockingQueue<List<SpnEntry>> queue, List<SpnEntry> rows,
            Future<?> writer) {
        try {
            while (!queue.offer(rows, 1, TimeUnit.SECONDS)) {
                if (writer.isDone()) {
                    throw new IllegalStateException("the scan's writer stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScanCancelled();
        }
    }

    private long insertScan(String forest) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO spn_scan (forest, started_at, heartbeat_at, status, accounts_seen, spns_seen) "
                + "VALUES (:forest, :now, :now, 'RUNNING', 0, 0)")
                .param("forest", forest).param("now", clock.instant().atOffset(ZoneOffset.UTC)).update(keys, "id");
        return keys.getKey().longValue();
    }

    private static Scan scanRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        java.time.OffsetDateTime finished = rs.getObject(4, java.time.OffsetDateTime.class);
        return new Scan(rs.getLong(1), rs.getString(2), rs.getObject(3, java.time.OffsetDateTime.class).toInstant(),
                finished == null ? null : finished.toInstant(), Status.valueOf(rs.getString(5)), rs.getLong(6), rs.getLong(7),
                rs.getString(8));
    }

    /** The console stops: every running scan stops at its next page; the scan threads are interrupted right after (ADR 40). */
    @Override
    public void destroy() {
        running.values().forEach(r -> r.cancelled.set(true));
    }

    /**
     * The sign of life of this node's running scans, and the end of the scans whose node died (as a job's heartbeats
     * are, ADR 10): a scan RUNNING with no heartbeat for {@code scan-missed-heartbeats} intervals is marked FAILED with
     * a sentence, so its page stops waiting and its forest's latest scan says what happened.
     */
    @Scheduled(fixedDelayString = "${asa.directory.scan-heartbeat:30s}", initialDelayString = "${asa.directory.scan-heartbeat:30s}")
    void heartbeat() {
        java.time.OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        try {
            if (!running.isEmpty()) {
                jdbc.sql("UPDATE spn_scan SET heartbeat_at = :now WHERE id IN (:ids) AND status = 'RUNNING'").param("now", now)
                        .param("ids", List.copyOf(running.keySet())).update();
            }
            markAbandoned();
        } catch (org.springframework.dao.DataAccessException e) { // the database is away: the next heartbeat tries again
            log.warn("The SPN scans' heartbeat could not be written: {}", e.getClass().getSimpleName());
        }
    }

    /** Marks the scans whose node stopped sending heartbeats; answers how many. */
    int markAbandoned() {
        Instant now = clock.instant();
        java.time.OffsetDateTime cutoff = now.minus(abandonedAfter).atOffset(ZoneOffset.UTC);
        record Stale(long id, Instant lastSeen) {
        }
        List<Stale> stale = jdbc.sql("SELECT id, COALESCE(heartbeat_at, started_at) FROM spn_scan WHERE status = 'RUNNING' "
                + "AND COALESCE(heartbeat_at, started_at) < :cutoff").param("cutoff", cutoff)
                .query((rs, n) -> new Stale(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant())).list();
        int marked = 0;
        for (Stale scan : stale) {
            if (running.containsKey(scan.id())) {
                continue; // this node's own scan, alive: its next heartbeat is only late
            }
            String sentence = "The console running this scan stopped before the scan ended (its last sign of life was at "
                    + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").format(scan.lastSeen().atOffset(ZoneOffset.UTC))
                    + "). What it read is incomplete and is not used; start a new scan.";
            marked += jdbc.sql("UPDATE spn_scan SET status = 'FAILED', finished_at = :now, message = :message WHERE id = :id "
                    + "AND status = 'RUNNING' AND COALESCE(heartbeat_at, started_at) < :cutoff").param("now", now.atOffset(ZoneOffset.UTC))
                    .param("message", sentence).param("id", scan.id()).param("cutoff", cutoff).update();
            log.warn("SPN scan {} was left running by a console that stopped; marked FAILED", scan.id());
        }
        return marked;
    }

    private static final class Running {
        final AtomicBoolean cancelled = new AtomicBoolean();
        final AtomicLong accounts = new AtomicLong();
        final AtomicLong spns = new AtomicLong();
        volatile Future<?> future;
    }
}
