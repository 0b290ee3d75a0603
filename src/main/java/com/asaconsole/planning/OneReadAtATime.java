package com.asaconsole.planning;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One read of a key at a time: whoever asks for a key while another reads it waits for that read and
 * gets its result, instead of reading (and holding) the same megabytes beside it. A large plan
 * version is several megabytes of text and more once parsed: twenty people arriving at once on its
 * page, each reading and parsing it, held twenty copies and ran a 256 MB console into a stall
 * (issue 15, {@code LargeEstateMemoryTest}). A failed read fails everyone who waited for it; the
 * next ask reads again. Nothing is kept once the read ends (the callers' caches keep results).
 */
final class OneReadAtATime<K, V> {

    private final Map<K, CompletableFuture<V>> reading = new ConcurrentHashMap<>();

    V read(K key, Supplier<V> read) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = reading.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            V value = read.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            reading.remove(key, mine);
        }
    }
}
