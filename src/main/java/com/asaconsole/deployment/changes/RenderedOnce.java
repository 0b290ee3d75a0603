package com.asaconsole.deployment.changes;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A rendering made once per source object and shared: whoever asks for the same object (the same
 * instance, not an equal one: comparing two plans of thousands of servers would cost what the
 * rendering saves) while it renders waits for that one rendering. The last few are kept softly, so
 * memory pressure drops them before it drops a request.
 */
final class RenderedOnce<K, V> {

    private record Held<K, V>(K source, Object variant, SoftReference<CompletableFuture<V>> value) {

        boolean of(K s, Object v) {
            return source == s && variant.equals(v);
        }
    }

    private final int capacity;
    private final Deque<Held<K, V>> held = new ArrayDeque<>();

    RenderedOnce(int capacity) {
        this.capacity = capacity;
    }

    V of(K source, Supplier<V> render) {
        return of(source, "", render);
    }

    /** The rendering of one variant of this source (such as one Exchange generation's script of a plan). */
    V of(K source, Object variant, Supplier<V> render) {
        CompletableFuture<V> mine = null;
        CompletableFuture<V> known = null;
        synchronized (held) {
            for (Held<K, V> h : held) {
                CompletableFuture<V> future = h.of(source, variant) ? h.value().get() : null;
                if (future != null && !future.isCompletedExceptionally()) {
                    known = future;
                    // the most recently asked for goes first, so the one let go is the least recently used
                    held.remove(h);
                    held.addFirst(h);
                    break;
                }
            }
            if (known == null) {
                mine = start(source, variant);
            }
        }
        if (known != null) {
            return join(known);
        }
        try {
            mine.complete(render.get());
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            synchronized (held) {
                held.removeIf(h -> h.of(source, variant));
            }
            throw e;
        }
        return join(mine);
    }

    /** Holds a new rendering of this source, first in line; the oldest beyond the capacity is let go. Called holding the lock. */
    private CompletableFuture<V> start(K source, Object variant) {
        held.removeIf(h -> h.of(source, variant));
        CompletableFuture<V> mine = new CompletableFuture<>();
        held.addFirst(new Held<>(source, variant, new SoftReference<>(mine)));
        while (held.size() > capacity) {
            held.removeLast();
        }
        return mine;
    }

    private static <V> V join(CompletableFuture<V> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a rendering.", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
