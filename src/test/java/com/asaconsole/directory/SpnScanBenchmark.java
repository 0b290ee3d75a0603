package com.asaconsole.directory;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The forest-wide SPN scan against {@code ldapsearch -E pr=1000} of the same attributes on the
 * same Global Catalog, interleaved in one run: the console's scan (LDAP read, streaming, storing
 * the snapshot in an H2 file database) against the C client printing to /dev/null.
 * Run by src/test/bench/spn-scan.sh, which starts the forest; not part of the test suite.
 *
 * Arguments: label, password file, CA PEM file, iterations, and optionally the JDBC URL of a PostgreSQL database
 * to store the snapshot in (instead of an H2 file database).
 */
public final class SpnScanBenchmark {

    public static void main(String[] args) throws Exception {
        String label = args[0];
        String password = Files.readString(Path.of(args[1])).trim();
        String pem = Files.readString(Path.of(args[2]));
        int iterations = Integer.parseInt(args[3]);

        javax.sql.DataSource ds;
        String vendor;
        if (args.length > 4) { // a JDBC URL (PostgreSQL, started by the script)
            com.zaxxer.hikari.HikariDataSource pg = new com.zaxxer.hikari.HikariDataSource(); // pooled, as the console's
            pg.setJdbcUrl(args[4]);
            ds = pg;
            vendor = "postgresql";
        } else { // an H2 file database behind a connection pool, as the console's default configuration
            // (without the pool, closing the last connection closes the database, which compacts it for up to 200 ms)
            Path db = Files.createTempDirectory("asa-bench-db");
            com.zaxxer.hikari.HikariDataSource h2 = new com.zaxxer.hikari.HikariDataSource();
            h2.setJdbcUrl("jdbc:h2:file:" + db.resolve("bench") + ";DB_CLOSE_ON_EXIT=FALSE" + System.getProperty("bench.h2", ""));
            h2.setUsername("asa");
            ds = h2;
            vendor = "h2";
        }
        Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:db/vendor/" + vendor).load().migrate();
        SpnInventory inventory = new SpnInventory(JdbcClient.create(ds), new JdbcTemplate(ds), new DirectoryGateway(), Clock.systemUTC(),
                new DirectoryProperties(SpnInventory.SORT_RUN, null, null, 0), new org.springframework.core.task.SimpleAsyncTaskExecutor("spn-scan-writer-"));
        DirectoryConnection connection = new DirectoryConnection("contoso.test", "ldaps://dc1.contoso.test:636",
                "ldaps://dc1.contoso.test:3269", "DC=contoso,DC=test", "Administrator@contoso.test", password.toCharArray(), pem,
                Duration.ofSeconds(5), Duration.ofSeconds(300));

        List<Long> consoleMs = new ArrayList<>();
        List<Long> ldapsearchMs = new ArrayList<>();
        long peakHeap = 0;
        long spns = 0;
        long accounts = 0;
        List<Long> readOnlyMs = new ArrayList<>();
        // CPU of this whole JVM (reader, writer, H2, GC) during each phase: on 2 cores the scan competes with Samba
        com.sun.management.OperatingSystemMXBean cpu = (com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean();
        for (int i = 0; i <= iterations; i++) { // iteration 0 warms both up and is not counted
            long ls = ldapsearch(args[1], args[2]);
            // the directory read alone, entries counted and dropped: what the scan costs before storing
            long readBegan = System.nanoTime();
            long readCpuBegan = cpu.getProcessCpuTime();
            AtomicLong counted = new AtomicLong();
            new DirectoryGateway().scanReader(connection).scanSpns(e -> counted.incrementAndGet(), () -> false);
            long readOnly = (System.nanoTime() - readBegan) / 1_000_000;
            long readCpu = (cpu.getProcessCpuTime() - readCpuBegan) / 1_000_000;
            System.gc();
            HeapSampler sampler = new HeapSampler();
            sampler.start();
            long began = System.nanoTime();
            long cpuBegan = cpu.getProcessCpuTime();
            SpnInventory.Scan scan = inventory.runNow(connection);
            long took = (System.nanoTime() - began) / 1_000_000;
            long scanCpu = (cpu.getProcessCpuTime() - cpuBegan) / 1_000_000;
            sampler.stop();
            if (scan.status() != SpnInventory.Status.FINISHED) {
                throw new IllegalStateException("scan " + scan.status() + ": " + scan.message());
            }
            JdbcClient.create(ds).sql("DELETE FROM spn_scan WHERE id = :id").param("id", scan.id()).update();
            if (i > 0) {
                readOnlyMs.add(readOnly);
                consoleMs.add(took);
                ldapsearchMs.add(ls);
                peakHeap = Math.max(peakHeap, sampler.peak());
            }
            spns = scan.spnsSeen();
            accounts = scan.accountsSeen();
            System.out.printf("  %s iteration %d: console %d ms (JVM cpu %d ms), directory read alone %d ms (JVM cpu %d ms), "
                    + "ldapsearch %d ms, peak heap after GC %d MB%n", label, i, took, scanCpu, readOnly, readCpu, ls,
                    sampler.peak() / (1024 * 1024));
        }
        long console = median(consoleMs);
        long baseline = median(ldapsearchMs);
        System.out.printf("RESULT %s db=%s accounts=%d spns=%d console_median_ms=%d read_only_median_ms=%d ldapsearch_median_ms=%d "
                + "ratio=%.2f read_only_ratio=%.2f live_heap_after_gc_mb=%d max_heap_mb=%d%n", label, vendor, accounts, spns, console,
                median(readOnlyMs), baseline, (double) console / baseline, (double) median(readOnlyMs) / baseline,
                peakHeap / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        inventory.destroy();
    }

    private static long ldapsearch(String passwordFile, String caPem) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("ldapsearch", "-LLL", "-o", "ldif-wrap=no", "-H", "ldaps://dc1.contoso.test:3269",
                "-D", "Administrator@contoso.test", "-y", passwordFile, "-E", "pr=1000/noprompt", "-b", "",
                "(servicePrincipalName=*)", "servicePrincipalName", "sAMAccountName");
        pb.environment().put("LDAPTLS_CACERT", caPem);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
        long began = System.nanoTime();
        int rc = pb.start().waitFor();
        long took = (System.nanoTime() - began) / 1_000_000;
        if (rc != 0) {
            throw new IllegalStateException("ldapsearch failed with exit code " + rc);
        }
        return took;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * The high-water mark of the heap still in use after each garbage collection (the live set, all
     * pools), sampled every 5 ms during the scan; used heap before a collection is mostly garbage.
     */
    private static final class HeapSampler {
        private final List<java.lang.management.MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP && p.getCollectionUsage() != null).toList();
        private final AtomicLong peak = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        void start() {
            thread = new Thread(() -> {
                while (running.get()) {
                    long live = pools.stream().mapToLong(p -> p.getCollectionUsage().getUsed()).sum();
                    peak.accumulateAndGet(live, Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        long peak() {
            return peak.get();
        }
    }
}
