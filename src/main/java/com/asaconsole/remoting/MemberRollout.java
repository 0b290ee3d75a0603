package com.asaconsole.remoting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs one operation on many Client Access members with bounded concurrency (Microsoft's roll
 * script goes one server at a time) and answers one outcome per member, in the order given. A
 * member's failure never stops the others: the caller decides (e.g. no AD password reset unless
 * every member succeeded).
 */
public final class MemberRollout {

    /** 16 parallel WinRM sessions: a rollout to 100 members takes 7 rounds; WinRM's own default limit per user is far higher. */
    public static final int DEFAULT_CONCURRENCY = 16;

    private final ExchangeRemote remote;
    private final int concurrency;

    public MemberRollout(ExchangeRemote remote, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.remote = remote;
        this.concurrency = concurrency;
    }

    public MemberRollout(ExchangeRemote remote) {
        this(remote, DEFAULT_CONCURRENCY);
    }

    public int concurrency() {
        return concurrency;
    }

    public <R> List<MemberOutcome<R>> run(List<CasEndpoint> members, ExchangeOperation<R> operation, Duration perMemberTimeout) {
        return run(members, operation, perMemberTimeout, outcome -> {
        });
    }

    /** @param onEach called as each member finishes (from a worker thread), e.g. to record progress */
    public <R> List<MemberOutcome<R>> run(List<CasEndpoint> members, ExchangeOperation<R> operation, Duration perMemberTimeout,
            Consumer<MemberOutcome<R>> onEach) {
        if (members.isEmpty()) {
            return List.of();
        }
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(concurrency, members.size()), r -> {
            Thread t = new Thread(r, "member-rollout");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<MemberOutcome<R>>> futures = new ArrayList<>();
            for (CasEndpoint member : members) {
                futures.add(workers.submit(() -> {
                    MemberOutcome<R> outcome = one(member, operation, perMemberTimeout);
                    onEach.accept(outcome);
                    return outcome;
                }));
            }
            List<MemberOutcome<R>> outcomes = new ArrayList<>();
            for (Future<MemberOutcome<R>> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The rollout was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A rollout worker failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            workers.shutdownNow();
        }
    }

    private <R> MemberOutcome<R> one(CasEndpoint member, ExchangeOperation<R> operation, Duration timeout) {
        long began = System.nanoTime();
        try {
            R result = remote.run(member, operation, timeout);
            return new MemberOutcome<>(member, result, null, Duration.ofNanos(System.nanoTime() - began));
        } catch (RemoteOperationFailed e) {
            return new MemberOutcome<>(member, null, e, Duration.ofNanos(System.nanoTime() - began));
        } catch (IllegalArgumentException e) {
            return new MemberOutcome<>(member, null, new RemoteOperationFailed(member.address(), RemoteOperationFailed.Reason.PROTOCOL,
                    member.host() + ": " + e.getMessage(), e), Duration.ofNanos(System.nanoTime() - began));
        }
    }
}
