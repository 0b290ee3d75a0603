package com.asaconsole.remoting;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.springframework.core.task.AsyncTaskExecutor;

/**
 * The one member fan-out (ADR 40): one piece of work per Client Access member (or any target), at most
 * {@code concurrency} at once, answers in the order given. The job executor's remote steps and the estate checks use
 * it; its threads are the context's {@code memberThreads}. A failure thrown by the work stops the items not yet begun
 * (see {@link #each}); work that must not stop the others (a job's task, a member's checks) catches its own failures
 * and answers with them, and the caller decides (e.g. no AD password reset unless every member succeeded).
 */
public final class MemberFanOut {

    private final AsyncTaskExecutor threads;

    public MemberFanOut(AsyncTaskExecutor threads) {
        this.threads = threads;
    }

    /**
     * Runs {@code work} for every item, at most {@code concurrency} at once, and waits for all of them. When the caller
     * is interrupted, or an item fails, the items not yet begun never begin and the running ones are interrupted.
     *
     * @return the answers in the order of {@code items}
     * @throws RuntimeException the first failure in the order of {@code items}, as the work threw it
     * @throws InterruptedException the caller was interrupted while waiting (its node is stopping)
     */
    public <T, R> List<R> each(List<T> items, int concurrency, Function<? super T, ? extends R> work) throws InterruptedException {
        if (items.isEmpty()) {
            return List.of();
        }
        List<CompletableFuture<R>> answers = new ArrayList<>(items.size());
        items.forEach(i -> answers.add(new CompletableFuture<>()));
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        try {
            // a few workers that take the items in order, not a task per item: the bound holds per call on shared threads
            for (int w = Math.min(Math.max(1, concurrency), items.size()); w > 0; w--) {
                workers.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                        try {
                            answers.get(i).complete(work.apply(items.get(i)));
                        } catch (Throwable e) {
                            answers.get(i).completeExceptionally(e);
                        }
                    }
                }));
            }
            List<R> results = new ArrayList<>(items.size());
            for (CompletableFuture<R> answer : answers) {
                results.add(answer.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            next.set(items.size()); // nothing begins after this
            workers.forEach(w -> w.cancel(true));
        }
    }
}
