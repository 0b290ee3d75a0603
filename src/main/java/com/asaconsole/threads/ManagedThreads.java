package com.asaconsole.threads;

import java.time.Duration;

import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The one way the console makes threads (ADR 40): a {@link ThreadPoolTaskExecutor} bean of the module that uses it,
 * built from Spring Boot's builder, with named daemon threads. It takes work until the context is closed (a job or a
 * scan running then ends as it would on a stopping node, not by a refused hand-off), and is shut down with the
 * context: its threads are interrupted and awaited for a few seconds, so a scan or a job records how it ended.
 * {@code ModularityTests} fails when production code makes a thread or a pool any other way.
 */
public final class ManagedThreads {

    /** How long a closing context waits for interrupted work to record how it ended. */
    static final Duration AWAIT_AT_CLOSE = Duration.ofSeconds(10);

    private ManagedThreads() {
    }

    /** At most {@code threads} at once; more work waits in an unbounded queue (what {@code newFixedThreadPool} made). */
    public static ThreadPoolTaskExecutor fixed(ThreadPoolTaskExecutorBuilder builder, String name, int threads) {
        return named(builder.corePoolSize(threads).maxPoolSize(threads).queueCapacity(Integer.MAX_VALUE)
                .allowCoreThreadTimeOut(false), name);
    }

    /**
     * A thread for each piece of work handed over, idle ones kept for a minute (what {@code newCachedThreadPool} made):
     * for work whose callers bound it themselves (a job's member fan-out, a scan's one writer).
     */
    public static ThreadPoolTaskExecutor onDemand(ThreadPoolTaskExecutorBuilder builder, String name) {
        return named(builder.corePoolSize(0).maxPoolSize(Integer.MAX_VALUE).queueCapacity(0).keepAlive(Duration.ofSeconds(60)),
                name);
    }

    private static ThreadPoolTaskExecutor named(ThreadPoolTaskExecutorBuilder builder, String name) {
        ThreadPoolTaskExecutor executor = builder.threadNamePrefix(name + "-").acceptTasksAfterContextClose(true)
                // awaitTermination(true) would let running work go on at close instead of interrupting it
                .awaitTermination(false).awaitTerminationPeriod(AWAIT_AT_CLOSE).build();
        executor.setDaemon(true); // as the hand-made pools were: a thread still busy never holds the JVM open
        return executor;
    }
}
