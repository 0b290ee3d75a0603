package com.asaconsole.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.asaconsole.AsaConsoleApplication;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.lab.ConsoleClient;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.LargeEstate;
import com.asaconsole.lab.SambaDc;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Load and soak (issue 15), not a test: the console on PostgreSQL with an estate of 2,000 servers
 * and 2,000 namespaces and the lab's Samba DC as its directory, driven by wrk at 16 connections.
 * Each page's throughput and p50/p95/p99 are measured against a bare Thymeleaf page of the same app
 * in the same run, interleaved, rounds x seconds each; then a soak over the pages with the RSS of
 * this JVM (the console's) sampled. Run by src/test/bench/load.sh.
 * <p>
 * Arguments: JDBC URL, user, connections, seconds per measurement, rounds, soak seconds.
 */
public final class LoadBenchmark {

    private static final Pattern SUMMARY = Pattern.compile("SUMMARY requests=(\\d+) duration_us=(\\d+) rps=([\\d.]+) p50_us=(\\d+) "
            + "p95_us=(\\d+) p99_us=(\\d+) max_us=(\\d+) non2xx=(\\d+) connect=(\\d+) read=(\\d+) write=(\\d+) timeout=(\\d+)");

    record Result(double rps, double p50, double p95, double p99, long requests, long errors) {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        int connections = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        int soak = Integer.parseInt(args[5]);
        String password = "Bench-Admin-" + Long.toHexString(new Random().nextLong());
        try (SambaDc dc = SambaDc.start()) {
            System.setProperty("java.security.krb5.conf", dc.krb5Conf().toString());
            ConfigurableApplicationContext app = SpringApplication.run(AsaConsoleApplication.class, "--spring.profiles.active=postgres,bench",
                    "--spring.datasource.url=" + url, "--spring.datasource.username=" + user, "--spring.datasource.password=",
                    "--server.port=0", "--server.address=127.0.0.1", "--asa.identity.bootstrap-admin.password=" + password,
                    "--asa.audit.checkpoint-key=bench-only-checkpoint-key-0123456789abcdef",
                    "--asa.secrets.key=YmVuY2gtb25seS1zZWNyZXRzLWtleS0wMTIzNDU2Nzg=", "--logging.file.name=target/bench/load.json",
                    "--logging.level.root=WARN");
            try {
                int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
                String base = "http://127.0.0.1:" + port;
                LabDirectory.connect(app.getBean(DirectorySettings.class), dc);
                ConsoleClient admin = new ConsoleClient(base);
                if (!admin.signIn("admin", password)) {
                    throw new IllegalStateException("cannot sign in");
                }
                long began = System.nanoTime();
                LargeEstate.load(admin, "big.test", 20, 2_000, 2_000, 5);
                admin.postForm("/plans", "");
                System.out.printf("estate of 2,000 servers and 2,000 namespaces loaded and stored as plan version 1 in %,d ms%n",
                        (System.nanoTime() - began) / 1_000_000);
                String cookie = "JSESSIONID=" + admin.cookies().getCookieStore().getCookies().stream()
                        .filter(c -> c.getName().equals("JSESSIONID")).findFirst().orElseThrow().getValue();

                Map<String, String> pages = new LinkedHashMap<>();
                pages.put("bare Thymeleaf page (baseline)", "/bench/bare");
                pages.put("sign-in page", "/login");
                // the layout and the console's own filters with next to no page of its own: what every signed-in page costs
                pages.put("about page (layout only)", "/about");
                pages.put("dashboard", "/");
                pages.put("plan page (version, 2,000 servers)", "/plans/1");
                pages.put("SPN status (lab DC, live)", "/spn-status?q=ldap/dc1.contoso.test");
                pages.put("API: a page of servers", "/api/topology/servers?size=100");
                // -Dbench.pages=status,about: only the pages whose name contains one of these words (and the bare page), e.g. under a profiler
                String only = System.getProperty("bench.pages", "");
                if (!only.isBlank()) {
                    pages.keySet().removeIf(name -> !name.startsWith("bare") && java.util.Arrays.stream(only.split(","))
                            .noneMatch(word -> name.toLowerCase(java.util.Locale.ROOT).contains(word.trim().toLowerCase(java.util.Locale.ROOT))));
                }
                for (String path : pages.values()) {
                    wrk(base, path, path.equals("/login") ? null : cookie, connections, 5, List.of()); // warm-up
                }
                Map<String, List<Result>> results = new LinkedHashMap<>();
                for (int round = 1; round <= rounds; round++) {
                    for (Map.Entry<String, String> page : pages.entrySet()) {
                        Result r = wrk(base, page.getValue(), page.getValue().equals("/login") ? null : cookie, connections, seconds, List.of());
                        results.computeIfAbsent(page.getKey(), k -> new ArrayList<>()).add(r);
                        System.out.printf("round %d %-36s %8.1f req/s  p50 %6.1f  p95 %6.1f  p99 %6.1f ms  errors %d%n", round, page.getKey(),
                                r.rps(), r.p50(), r.p95(), r.p99(), r.errors());
                    }
                }
                double bare = median(results.get("bare Thymeleaf page (baseline)").stream().mapToDouble(Result::rps).toArray());
                System.out.printf("%nmedians of %d rounds, %d connections, %d s each:%n", rounds, connections, seconds);
                System.out.println("| page | req/s | × bare | p50 ms | p95 ms | p99 ms | errors |");
                System.out.println("|---|---|---|---|---|---|---|");
                for (Map.Entry<String, List<Result>> e : results.entrySet()) {
                    List<Result> rs = e.getValue();
                    double rps = median(rs.stream().mapToDouble(Result::rps).toArray());
                    System.out.printf("| %s | %.0f | %.2f | %.1f | %.1f | %.1f | %d |%n", e.getKey(), rps, rps / bare,
                            median(rs.stream().mapToDouble(Result::p50).toArray()), median(rs.stream().mapToDouble(Result::p95).toArray()),
                            median(rs.stream().mapToDouble(Result::p99).toArray()), rs.stream().mapToLong(Result::errors).sum());
                }
                if (soak > 0) {
                    soak(base, cookie, connections, soak);
                }
            } finally {
                SpringApplication.exit(app);
            }
        }
    }

    /** wrk over all pages for {@code seconds}, with this JVM's RSS sampled every 10 s. */
    static void soak(String base, String cookie, int connections, int seconds) throws Exception {
        List<long[]> samples = new ArrayList<>();
        long start = System.nanoTime();
        Thread sampler = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    samples.add(new long[] { (System.nanoTime() - start) / 1_000_000_000L, rssKb() });
                    Thread.sleep(10_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sampler.start();
        Result r = wrk(base, "/", cookie, connections, seconds, List.of("/", "/plans/1", "/spn-status?q=ldap/dc1.contoso.test",
                "/api/topology/servers?size=100", "/plans/1/wizard/deploy-credential", "/topology/servers?page=3", "/bench/bare"));
        sampler.interrupt();
        sampler.join();
        samples.add(new long[] { (System.nanoTime() - start) / 1_000_000_000L, rssKb() });
        System.out.printf("%nsoak: %d s, %.0f req/s, p50 %.1f p95 %.1f p99 %.1f ms, %d requests, %d errors%n", seconds, r.rps(), r.p50(),
                r.p95(), r.p99(), r.requests(), r.errors());
        System.out.println("RSS (MB) every 10 s: " + String.join(" ", samples.stream().map(s -> Long.toString(s[1] / 1024)).toList()));
        int n = samples.size();
        double firstThird = samples.subList(n / 6, n / 3).stream().mapToLong(s -> s[1]).average().orElse(0) / 1024;
        double lastThird = samples.subList(2 * n / 3, n).stream().mapToLong(s -> s[1]).average().orElse(0) / 1024;
        System.out.printf("RSS: after warm-up %.0f MB, last third %.0f MB, max %d MB%n", firstThird, lastThird,
                samples.stream().mapToLong(s -> s[1]).max().orElse(0) / 1024);
    }

    static Result wrk(String base, String path, String cookie, int connections, int seconds, List<String> rotate)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--timeout", "10s",
                "-s", Path.of("src/test/bench/wrk-summary.lua").toAbsolutePath().toString()));
        if (cookie != null) {
            command.addAll(List.of("-H", "Cookie: " + cookie));
        }
        command.add(base + path);
        if (!rotate.isEmpty()) {
            command.add("--");
            command.addAll(rotate);
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = SUMMARY.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk gave no summary: " + out);
        }
        long errors = 0;
        for (int g = 8; g <= 12; g++) {
            errors += Long.parseLong(m.group(g));
        }
        if (errors > 0) {
            // which kind: answers that were not 2xx/3xx, or the socket (connect, read, write) and wrk's 10 s timeout
            System.out.printf("  errors on %s: non-2xx/3xx %s, connect %s, read %s, write %s, timeout %s%n", path, m.group(8), m.group(9),
                    m.group(10), m.group(11), m.group(12));
        }
        return new Result(Double.parseDouble(m.group(3)), Long.parseLong(m.group(4)) / 1000.0, Long.parseLong(m.group(5)) / 1000.0,
                Long.parseLong(m.group(6)) / 1000.0, Long.parseLong(m.group(1)), errors);
    }

    static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            // no /proc
        }
        return 0;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
