package com.asaconsole.remoting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.cas.CasMemberSimulator;
import com.asaconsole.lab.cas.SimulatedCasMembers;
import com.asaconsole.remoting.ExchangeOperation.SetAsaCredential;

/**
 * SetAsaCredential to N CAS member SIMULATORs that each take {@code latency} per command, through
 * {@link MemberRollout} at the given concurrency and one at a time (what Microsoft's roll script
 * does), interleaved in one run, with Kerberos from the real lab KDC and HTTPS. Not a test: run by
 * src/test/bench/cas-rollout.sh. Arguments: N, latency ms, concurrency, iterations.
 */
public final class RolloutBenchmark {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Duration latency = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 200);
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : MemberRollout.DEFAULT_CONCURRENCY;
        int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        try (SambaDc dc = SambaDc.start(); SimulatedCasMembers lab = new SimulatedCasMembers(dc, List.of("http/mail.contoso.test"))) {
            List<CasMemberSimulator> members = lab.start(n, ExchangeVersion.EXCHANGE_2016);
            members.forEach(m -> m.latency(latency));
            List<CasEndpoint> endpoints = lab.endpoints();
            ExchangeRemote remote = new ExchangeRemote(WinRmLogin.password(dc.adminPrincipal(), dc.adminPassword().toCharArray()),
                    lab.trustStore());
            MemberRollout parallel = new MemberRollout(remote, concurrency);
            MemberRollout sequential = new MemberRollout(remote, 1);
            Duration timeout = Duration.ofSeconds(60);

            run(parallel, endpoints, timeout, 0); // warm-up: sign-in, a ticket per host name, TLS, JIT
            run(parallel, endpoints, timeout, 0);
            List<Long> parallelMs = new ArrayList<>();
            List<Long> sequentialMs = new ArrayList<>();
            for (int i = 1; i <= iterations; i++) {
                parallelMs.add(run(parallel, endpoints, timeout, i));
                sequentialMs.add(run(sequential, endpoints, timeout, i));
                System.out.printf("iteration %d: concurrency %d %d ms, sequential %d ms%n", i, concurrency,
                        parallelMs.get(i - 1), sequentialMs.get(i - 1));
            }
            long ideal = (long) Math.ceil(n / (double) concurrency) * latency.toMillis();
            long p = median(parallelMs);
            long s = median(sequentialMs);
            System.out.printf("N=%d members, %d ms each, concurrency %d, %d iterations (medians), %d CPUs for the console and all members%n",
                    n, latency.toMillis(), concurrency, iterations, Runtime.getRuntime().availableProcessors());
            System.out.printf("  bounded concurrency: %d ms = %.2f x ceil(%d/%d) x %d ms = %d ms%n", p, p / (double) ideal, n, concurrency,
                    latency.toMillis(), ideal);
            System.out.printf("  sequential:          %d ms = %.2f x %d x %d ms; %.1f times the concurrent rollout%n", s,
                    s / (double) (n * latency.toMillis()), n, latency.toMillis(), s / (double) p);
        }
    }

    private static long run(MemberRollout rollout, List<CasEndpoint> endpoints, Duration timeout, int iteration) {
        SetAsaCredential op = new SetAsaCredential("CONTOSO\\EXASA$", ("Bench-" + iteration + "-pw").toCharArray());
        long began = System.nanoTime();
        List<MemberOutcome<AsaStatus>> outcomes = rollout.run(endpoints, op, timeout);
        long ms = (System.nanoTime() - began) / 1_000_000;
        long failed = outcomes.stream().filter(o -> !o.succeeded()).count();
        if (failed > 0) {
            throw new IllegalStateException(failed + " members failed, e.g. "
                    + outcomes.stream().filter(o -> !o.succeeded()).findFirst().orElseThrow().sentence());
        }
        return ms;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }
}
