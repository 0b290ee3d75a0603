package com.asaconsole.shell;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.asaconsole.ConsoleTest;
import com.asaconsole.lab.ConsoleClient;
import com.asaconsole.lab.ConsoleJvm;

/**
 * What durable commits cost on H2 (issue 15), not a test: saves through the JSON API (a topology
 * item and its audit record, one transaction) by 1 and by 8 clients for {@code seconds}, with the
 * shipped settings ({@code WRITE_DELAY=0}) and with H2's default commit delay (500 ms), each in a
 * fresh console JVM on a fresh database, interleaved, {@code rounds} times. Run by
 * src/test/bench/h2-commit.sh.
 */
public final class H2CommitBenchmark {

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        String shipped = H2DurabilityTest.shippedUrl();
        String delayed = shipped.replace(";WRITE_DELAY=0", "");
        List<String[]> rows = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (String[] setting : List.of(new String[] { "WRITE_DELAY=0 (shipped)", shipped }, new String[] { "H2 default (500 ms)", delayed })) {
                for (int clients : new int[] { 1, 8 }) {
                    double[] r = run(setting[1], clients, seconds);
                    System.out.printf("round %d %-24s %d client(s): %.1f saves/s, p50 %.1f ms, p95 %.1f ms%n", round, setting[0], clients,
                            r[0], r[1], r[2]);
                    rows.add(new String[] { setting[0], Integer.toString(clients), Double.toString(r[0]), Double.toString(r[1]),
                            Double.toString(r[2]) });
                }
            }
        }
        System.out.println();
        System.out.println("| setting | clients | saves/s | p50 ms | p95 ms |");
        System.out.println("|---|---|---|---|---|");
        for (String setting : List.of("WRITE_DELAY=0 (shipped)", "H2 default (500 ms)")) {
            for (String clients : List.of("1", "8")) {
                double[] rps = rows.stream().filter(r -> r[0].equals(setting) && r[1].equals(clients)).mapToDouble(r -> Double.parseDouble(r[2])).toArray();
                double[] p50 = rows.stream().filter(r -> r[0].equals(setting) && r[1].equals(clients)).mapToDouble(r -> Double.parseDouble(r[3])).toArray();
                double[] p95 = rows.stream().filter(r -> r[0].equals(setting) && r[1].equals(clients)).mapToDouble(r -> Double.parseDouble(r[4])).toArray();
                System.out.printf("| %s | %s | %.1f | %.1f | %.1f |%n", setting, clients, LoadBenchmark.median(rps), LoadBenchmark.median(p50),
                        LoadBenchmark.median(p95));
            }
        }
    }

    /** saves per second, p50 and p95 in ms. */
    static double[] run(String shippedLikeUrl, int clients, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("asa-h2-commit");
        String url = shippedLikeUrl.replace("./data/", dir.resolve("data") + "/");
        try (ConsoleJvm console = ConsoleJvm.start("h2-commit", List.of("-Xmx384m"),
                List.of("--spring.datasource.url=" + url, "--logging.file.name=" + dir.resolve("console.json")))) {
            ConsoleClient client = new ConsoleClient(console.baseUrl());
            if (!client.signIn("admin", ConsoleTest.BOOTSTRAP_PASSWORD)) {
                throw new IllegalStateException("cannot sign in");
            }
            for (int i = 0; i < 50; i++) {
                save(client, "warm-" + i);
            }
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            for (int c = 0; c < clients; c++) {
                int writer = c;
                pool.submit(() -> {
                    for (int i = 0; System.nanoTime() < end; i++) {
                        long t = System.nanoTime();
                        if (save(client, "c" + writer + "-" + i) == 201) {
                            latencies.add(System.nanoTime() - t);
                        }
                    }
                    return null;
                });
            }
            pool.shutdown();
            pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return new double[] { sorted.length / (double) seconds, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.95)] / 1e6 };
        }
    }

    private static int save(ConsoleClient client, String name) throws Exception {
        String dns = name + ".commit.test";
        HttpResponse<String> r = client.postJson("/api/topology/forests", "{\"dnsName\":\"" + dns + "\",\"netbiosName\":\""
                + Integer.toHexString(name.hashCode()).toUpperCase() + "\",\"ldapsEndpoint\":\"ldaps://dc1." + dns
                + "\",\"globalCatalogEndpoint\":\"ldaps://dc1." + dns + ":3269\",\"asaOu\":\"OU=X,DC=commit,DC=test\"}");
        return r.statusCode();
    }
}
