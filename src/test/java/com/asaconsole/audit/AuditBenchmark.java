package com.asaconsole.audit;

import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.asaconsole.AsaConsoleApplication;

import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The audit trail at one million records on PostgreSQL: filtered pages through HTTP (p50/p95/p99)
 * and the streamed CSV export against {@code psql \copy} of the same table, with the heap sampled
 * during the export. Run by src/test/bench/audit.sh, which starts PostgreSQL; not a test.
 * <p>
 * Arguments: JDBC URL, user, psql port, rows, page requests.
 */
public final class AuditBenchmark {

    static final String[] ACTIONS = { "sign-in", "plan.saved", "topology.changed", "change.submitted", "change.approved",
            "job.started", "job.finished", "ldap.account.create", "ldap.spn.add", "ldap.spn.remove", "winrm.command",
            "audit.export" };

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String dbUser = args[1];
        String pgPort = args[2];
        int rows = Integer.parseInt(args[3]);
        int requests = Integer.parseInt(args[4]);
        String password = "Bench-Admin-" + Long.toHexString(new Random().nextLong());

        List<String> appArgs = new ArrayList<>(List.of("--spring.profiles.active=postgres",
                "--spring.datasource.url=" + url, "--spring.datasource.username=" + dbUser, "--spring.datasource.password=",
                "--server.port=0", "--server.address=127.0.0.1", "--asa.identity.bootstrap-admin.password=" + password,
                "--asa.audit.checkpoint-key=bench-only-checkpoint-key-0123456789abcdef",
                "--asa.secrets.key=YmVuY2gtb25seS1zZWNyZXRzLWtleS0wMTIzNDU2Nzg=", "--logging.file.name=target/bench/asa-console.json",
                "--logging.level.root=WARN"));
        appArgs.addAll(List.of(args).subList(5, args.length)); // settings to compare, e.g. --spring.web.resources.static-locations=...
        ConfigurableApplicationContext app = SpringApplication.run(AsaConsoleApplication.class, appArgs.toArray(String[]::new));
        try {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            long loadMs = load(url, dbUser, rows, app.getBean(AuditKey.class));
            System.out.printf("loaded %,d audit records with their hash chain in %,d ms%n", rows, loadMs);

            CookieManager cookies = new CookieManager();
            HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
            String base = "http://127.0.0.1:" + port;
            signIn(http, base, password);
            String session = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                    .findFirst().orElseThrow().getValue();

            List<String> filters = filters(rows);
            pages(http, base + "/audit?", filters, 100, false);
            pages(http, base + "/api/audit?", filters, 100, false);
            List<Long> html = pages(http, base + "/audit?", filters, requests, false);
            List<Long> partial = pages(http, base + "/audit?", filters, requests, true);
            List<Long> api = pages(http, base + "/api/audit?", filters, requests, false);
            report("filtered page, whole HTML page", html);
            report("filtered page, htmx partial (what the filter form fetches)", partial);
            report("filtered page, JSON API", api);
            String[] kinds = { "actor", "action", "action + one week", "target", "change" };
            for (int k = 0; k < kinds.length; k++) {
                List<Long> ofKind = new ArrayList<>();
                for (int i = 0; i < html.size(); i++) {
                    if (i % filters.size() % kinds.length == k) {
                        ofKind.add(html.get(i));
                    }
                }
                report("  whole page by " + kinds[k], ofKind);
            }

            List<Long> exportMs = new ArrayList<>();
            List<Long> copyMs = new ArrayList<>();
            List<Long> queryMs = new ArrayList<>();
            long peak = 0;
            long bytes = 0;
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            copy(pgPort, dbUser, TABLE); // warm-up of both, not counted
            export(base, session);
            for (int i = 0; i < 3; i++) {
                copyMs.add(copy(pgPort, dbUser, TABLE));
                queryMs.add(copy(pgPort, dbUser, EXPORT_QUERY));
                System.gc();
                long before = memory.getHeapMemoryUsage().getUsed();
                AtomicLong max = new AtomicLong(before);
                AtomicBoolean running = new AtomicBoolean(true);
                Thread sampler = new Thread(() -> {
                    while (running.get()) {
                        max.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                sampler.start();
                long began = System.nanoTime();
                bytes = export(base, session);
                exportMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
                running.set(false);
                sampler.join();
                peak = Math.max(peak, max.get());
                System.out.printf("  export run %d: %,d ms, %,d bytes; psql \\copy of the table %,d ms, of the export's query %,d ms; "
                        + "heap before %,d MB, peak %,d MB%n", i + 1, exportMs.get(i), bytes, copyMs.get(i), queryMs.get(i), before >> 20,
                        max.get() >> 20);
            }
            long e = median(exportMs);
            long c = median(copyMs);
            long q = median(queryMs);
            System.out.printf("CSV export of %,d rows through HTTP (curl): median %,d ms (%,d MB); psql \\copy of the table median %,d ms; "
                    + "ratio %.2f; psql \\copy of the export's own query (ORDER BY seq, UTC text) median %,d ms; console heap peak %,d MB of max %,d MB%n",
                    rows, e, bytes >> 20, c, (double) e / c, q, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
            long began = System.nanoTime();
            HttpResponse<String> verified = http.send(HttpRequest.newBuilder(URI.create(base + "/api/audit/verify")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.printf("verification of the whole chain (/api/audit/verify): %,d ms, %s%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), verified.body().contains("\"intact\":true") ? "intact" : verified.body());
        } finally {
            SpringApplication.exit(app);
        }
    }

    /** Writes the rows with COPY, computing the chain and the seals in one pass as the console does, then moves the head. */
    static long load(String url, String user, int rows, AuditKey key) throws Exception {
        long began = System.nanoTime();
        Random random = new Random(42);
        Instant start = Instant.parse("2025-11-25T00:00:00Z");
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            Long existing;
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT last_seq, last_hash FROM audit_chain_head")) {
                rs.next();
                existing = rs.getLong(1);
            }
            if (existing != 0) {
                throw new IllegalStateException("the benchmark needs an empty trail");
            }
            CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
            String prev = ChainHash.GENESIS;
            StringBuilder chunk = new StringBuilder(1 << 22);
            for (int seq = 1; seq <= rows; seq++) {
                String action = ACTIONS[random.nextInt(ACTIONS.length)];
                int actor = 1 + random.nextInt(50);
                String target = action.startsWith("sign-in") ? "user" + actor : "CN=BENCH" + random.nextInt(10_000) + ",OU=Bench,DC=contoso,DC=test";
                String correlation = action.startsWith("ldap") || action.startsWith("change") ? "change-" + (seq / 40) : null;
                Outcome outcome = random.nextInt(20) == 0 ? Outcome.FAILURE : Outcome.SUCCESS;
                String details = ChainHash.detailsJson(Map.of("n", Integer.toString(seq), "note", "benchmark record"));
                AuditRecord r = new AuditRecord(seq, start.plus(seq * 31L, ChronoUnit.SECONDS).plusNanos(random.nextInt(1_000_000) * 1000L),
                        "local:" + actor, "Bench User " + actor, "10.0." + (actor % 250) + ".1", action, target, outcome, correlation,
                        details, prev, null);
                String hash = ChainHash.of(r);
                chunk.append(seq).append(',').append(r.occurredAt()).append(',').append(r.actorId()).append(',').append(r.actorName())
                        .append(',').append(r.sourceAddress()).append(',').append(action).append(',');
                com.asaconsole.formats.CsvCell.append(chunk, target).append(',').append(outcome).append(',');
                com.asaconsole.formats.CsvCell.append(chunk, correlation).append(',');
                com.asaconsole.formats.CsvCell.append(chunk, details).append(',').append(prev).append(',').append(hash).append(',')
                        .append(key.seal(seq, hash)).append('\n');
                prev = hash;
                if (seq % 20_000 == 0 || seq == rows) {
                    copy.copyIn("COPY audit_record (" + AuditRows.COLUMNS + ", seal) FROM STDIN (FORMAT csv)", new StringReader(chunk.toString()));
                    chunk.setLength(0);
                }
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE audit_chain_head SET last_seq = " + rows + ", last_hash = '" + prev + "' WHERE id = 1");
                s.execute("VACUUM ANALYZE audit_record");
            }
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
    }

    /** A mix of what a reviewer asks: by actor, by action, by action in a week, by target, by change; first pages and deeper ones. */
    static List<String> filters(int rows) {
        Random random = new Random(7);
        List<String> filters = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String before = i % 2 == 0 ? "" : "&before=" + (1 + random.nextInt(rows));
            switch (i % 5) {
                case 0 -> filters.add("actor=" + enc("local:" + (1 + random.nextInt(50))) + before);
                case 1 -> filters.add("action=" + ACTIONS[random.nextInt(ACTIONS.length)] + before);
                case 2 -> {
                    Instant from = Instant.parse("2025-11-25T00:00:00Z").plus(random.nextInt(300), ChronoUnit.DAYS);
                    filters.add("action=ldap.spn.add&from=" + enc(from.toString()) + "&to=" + enc(from.plus(7, ChronoUnit.DAYS).toString()));
                }
                case 3 -> filters.add("target=" + enc("CN=BENCH" + random.nextInt(10_000) + ",OU=Bench,DC=contoso,DC=test"));
                default -> filters.add("change=change-" + random.nextInt(rows / 40));
            }
        }
        return filters;
    }

    static List<Long> pages(HttpClient http, String prefix, List<String> filters, int requests, boolean htmx) throws Exception {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(prefix + filters.get(i % filters.size()))).GET();
            if (htmx) {
                builder.header("HX-Request", "true");
            }
            HttpRequest request = builder.build();
            long began = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            micros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - began));
            if (response.statusCode() != 200) {
                throw new IllegalStateException(prefix + filters.get(i % filters.size()) + " answered " + response.statusCode());
            }
        }
        return micros;
    }

    static void report(String what, List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        System.out.printf("%s, %d requests: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, sorted.size(),
                pct(sorted, 50) / 1000.0, pct(sorted, 95) / 1000.0, pct(sorted, 99) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0);
    }

    static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static final String TABLE = "audit_record";
    static final String EXPORT_QUERY = "(SELECT " + AuditRows.COLUMNS.replace("occurred_at", PostgresCopy.OCCURRED_AT + " AS occurred_at")
            + " FROM audit_record ORDER BY seq)";

    /** The export as a separate client process reads it (like psql), to /dev/null. */
    static long export(String base, String session) throws Exception {
        Process p = new ProcessBuilder("curl", "-s", "-f", "-o", "/dev/null", "-w", "%{size_download}", "-b", "JSESSIONID=" + session,
                base + "/audit/export.csv").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("curl failed: " + out);
        }
        return Long.parseLong(out);
    }

    static long copy(String port, String user, String what) throws Exception {
        long began = System.nanoTime();
        Process p = new ProcessBuilder("psql", "-h", "127.0.0.1", "-p", port, "-U", user, "-d", "asaconsole", "-q", "-c",
                "\\copy " + what + " to '/dev/null' with (format csv, header)").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + out);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
    }

    static void signIn(HttpClient http, String base, String password) throws Exception {
        String login = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the sign-in page");
        }
        String form = "username=admin&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("sign-in failed: " + signedIn.statusCode() + " " + location);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
