package com.asaconsole.directory;

import java.text.Normalizer;
import java.time.Clock;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/**
 * The forest-wide SPN inventory and duplicate scan, in the background: the directory streams
 * entries in, a writer stores them in batches as a dated snapshot (memory stays flat however
 * large the forest), and the database groups them to find duplicates — compared without case,
 * and also after removing invisible and non-ASCII characters, which hide look-alike duplicates.
 */
@Service
public class SpnInventory implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SpnInventory.class);
    private static final int BATCH = 1000;
    private static final List<ForestDirectory.SpnEntry> END = new ArrayList<>();

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final DirectoryGateway gateway;
    private final Clock clock;
    private final ExecutorService scans = Executors.newFixedThreadPool(2, daemon("spn-scan"));
    private final ExecutorService writers = Executors.newCachedThreadPool(daemon("spn-scan-writer"));
    private final Map<Long, Running> running = new ConcurrentHashMap<>();

    SpnInventory(JdbcClient jdbc, JdbcTemplate jdbcTemplate, DirectoryGateway gateway, Clock clock) {
        this.jdbc = jdbc;
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
        List<String> keys = jdbc.sql("SELECT match_key FROM spn_scan_entry WHERE scan_id = :id GROUP BY match_key "
                + "HAVING COUNT(DISTINCT account_dn) > 1 ORDER BY match_key").param("id", scanId).query(String.class).list();
        List<Duplicate> duplicates = new ArrayList<>();
        for (String key : keys) {
            List<Map<String, Object>> rows = jdbc.sql("SELECT spn, account_dn, sam_account FROM spn_scan_entry "
                    + "WHERE scan_id = :id AND match_key = :key ORDER BY account_dn").param("id", scanId).param("key", key)
                    .query().listOfRows();
            boolean lookAlike = rows.stream().map(r -> ((String) r.get("spn")).toLowerCase(Locale.ROOT)).distinct().count() > 1;
            duplicates.add(new Duplicate((String) rows.get(0).get("spn"),
                    rows.stream().map(r -> new SpnOwner((String) r.get("account_dn"), (String) r.get("sam_account"))).distinct().toList(),
                    lookAlike));
        }
        return duplicates;
    }

    public List<Suspicious> suspicious(long scanId) {
        return jdbc.sql("SELECT spn, account_dn, sam_account FROM spn_scan_entry WHERE scan_id = :id AND suspicious = TRUE "
                + "ORDER BY account_dn").param("id", scanId)
                .query((rs, n) -> new Suspicious(rs.getString(1), rs.getString(2), rs.getString(3), SpnName.problem(rs.getString(1))))
                .list();
    }

    /** Case-insensitive, and blind to the invisible or non-ASCII characters that hide a duplicate. */
    static String matchKey(String spn) {
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
        BlockingQueue<List<ForestDirectory.SpnEntry>> queue = new ArrayBlockingQueue<>(8);
        Future<?> writer = writers.submit(() -> {
            write(id, queue);
            return null;
        });
        Status status = Status.FINISHED;
        String message = null;
        try {
            // the reader only collects raw entries; the writer thread computes the match keys and stores them
            List<ForestDirectory.SpnEntry>[] batch = new List[] { new ArrayList<ForestDirectory.SpnEntry>(BATCH) };
            long accounts = gateway.open(connection).scanSpns(entry -> {
                run.spns.incrementAndGet();
                batch[0].add(entry);
                if (batch[0].size() == BATCH) {
                    put(queue, batch[0], writer);
                    batch[0] = new ArrayList<>(BATCH);
                }
            }, run.cancelled::get);
            put(queue, batch[0], writer);
            run.accounts.set(accounts);
        } catch (ForestDirectory.ScanCancelled e) {
            status = Status.CANCELLED;
            message = "Cancelled after " + run.spns.get() + " SPNs.";
        } catch (DirectoryException e) {
            status = Status.FAILED;
            message = e.getMessage();
        } catch (RuntimeException e) {
            status = Status.FAILED;
            message = "The scan stopped unexpectedly (" + e.getClass().getSimpleName() + "); see the console's log.";
            log.warn("SPN scan {} failed", id, e);
        } finally {
            try {
                put(queue, END, writer);
            } catch (RuntimeException writerGone) {
                // the writer has stopped already; its failure is reported below
            }
        }
        try {
            writer.get();
        } catch (Exception e) {
            status = Status.FAILED;
            message = "The scan's results could not be stored; see the console's log.";
            log.warn("SPN scan {} could not store its entries", id, e);
        }
        jdbc.sql("UPDATE spn_scan SET finished_at = :now, status = :status, accounts_seen = :accounts, spns_seen = :spns, "
                + "message = :message WHERE id = :id").param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("status", status.name()).param("accounts", run.accounts.get()).param("spns", run.spns.get())
                .param("message", message).param("id", id).update();
        running.remove(id);
    }

    private static boolean hasOddCharacter(String spn) {
        return spn.chars().anyMatch(c -> c > 0x7E || c < 0x21);
    }

    /** One connection and one transaction per batch: the database work runs beside the directory read. */
    private void write(long id, BlockingQueue<List<ForestDirectory.SpnEntry>> queue) throws java.sql.SQLException, InterruptedException {
        javax.sql.DataSource dataSource = jdbcTemplate.getDataSource();
        try (java.sql.Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO spn_scan_entry "
                    + "(scan_id, spn, match_key, account_dn, sam_account, suspicious) VALUES (?, ?, ?, ?, ?, ?)")) {
                while (true) {
                    List<ForestDirectory.SpnEntry> entries = queue.take();
                    if (entries == END) {
                        return;
                    }
                    for (ForestDirectory.SpnEntry e : entries) {
                        insert.setLong(1, id);
                        insert.setString(2, e.spn());
                        insert.setString(3, matchKey(e.spn()));
                        insert.setString(4, e.accountDn());
                        insert.setString(5, e.samAccountName());
                        insert.setBoolean(6, hasOddCharacter(e.spn()));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    c.commit();
                }
            } catch (java.sql.SQLException | InterruptedException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** Hands a batch to the writer; stops the read when the writer has died rather than wait for it forever. */
    private static void put(BlockingQueue<List<ForestDirectory.SpnEntry>> queue, List<ForestDirectory.SpnEntry> rows,
            Future<?> writer) {
        try {
            while (!queue.offer(rows, 1, TimeUnit.SECONDS)) {
                if (writer.isDone()) {
                    throw new IllegalStateException("the scan's writer stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ForestDirectory.ScanCancelled();
        }
    }

    private long insertScan(String forest) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO spn_scan (forest, started_at, status, accounts_seen, spns_seen) VALUES (:forest, :now, 'RUNNING', 0, 0)")
                .param("forest", forest).param("now", clock.instant().atOffset(ZoneOffset.UTC)).update(keys, "id");
        return keys.getKey().longValue();
    }

    private static Scan scanRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        java.time.OffsetDateTime finished = rs.getObject(4, java.time.OffsetDateTime.class);
        return new Scan(rs.getLong(1), rs.getString(2), rs.getObject(3, java.time.OffsetDateTime.class).toInstant(),
                finished == null ? null : finished.toInstant(), Status.valueOf(rs.getString(5)), rs.getLong(6), rs.getLong(7),
                rs.getString(8));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void destroy() {
        running.values().forEach(r -> r.cancelled.set(true));
        scans.shutdownNow();
        writers.shutdownNow();
    }

    private static final class Running {
        final AtomicBoolean cancelled = new AtomicBoolean();
        final AtomicLong accounts = new AtomicLong();
        final AtomicLong spns = new AtomicLong();
        volatile Future<?> future;
    }
}
