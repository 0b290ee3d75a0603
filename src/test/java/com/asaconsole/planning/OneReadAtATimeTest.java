package com.asaconsole.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Twenty people arriving together on one large plan version share one read of it. */
class OneReadAtATimeTest {

    @Test
    void readersArrivingWhileAKeyIsReadWaitForThatReadAndShareItsResult() throws Exception {
        OneReadAtATime<Integer, Object> reads = new OneReadAtATime<>();
        AtomicInteger performed = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Map<Integer, Object> answers = new ConcurrentHashMap<>();
        List<Thread> people = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int person = i;
            people.add(new Thread(() -> answers.put(person, reads.read(2, () -> {
                performed.incrementAndGet();
                awaitQuietly(release);
                return new Object();
            }))));
        }
        people.forEach(Thread::start);
        // the first reader holds its read until the nineteen others wait for it (parked in the shared read, not reading)
        await().atMost(Duration.ofSeconds(30)).until(() -> people.stream().filter(t -> t.getState() == Thread.State.WAITING).count() == 19
                && people.stream().anyMatch(t -> t.getState() == Thread.State.TIMED_WAITING));
        release.countDown();
        for (Thread t : people) {
            t.join(10_000);
        }
        assertThat(performed).hasValue(1);
        assertThat(answers).hasSize(20);
        assertThat(answers.values().stream().distinct()).hasSize(1);
        // once it ended, nothing is kept: the next ask reads again
        assertThat(reads.read(2, Object::new)).isNotSameAs(answers.get(0));
    }

    @Test
    void aFailedReadFailsItsWaitersWithItsOwnErrorAndTheNextAskReadsAgain() throws Exception {
        OneReadAtATime<String, String> reads = new OneReadAtATime<>();
        CountDownLatch release = new CountDownLatch(1);
        Map<String, Throwable> failures = new ConcurrentHashMap<>();
        Thread reader = new Thread(() -> {
            try {
                reads.read("v1", () -> {
                    awaitQuietly(release);
                    throw new IllegalStateException("the stored text is not a plan document");
                });
            } catch (RuntimeException e) {
                failures.put("reader", e);
            }
        });
        reader.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> reader.getState() == Thread.State.TIMED_WAITING);
        Thread waiter = new Thread(() -> {
            try {
                reads.read("v1", () -> "read twice");
            } catch (RuntimeException e) {
                failures.put("waiter", e);
            }
        });
        waiter.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> waiter.getState() == Thread.State.WAITING);
        release.countDown();
        reader.join(10_000);
        waiter.join(10_000);
        assertThat(failures.get("reader")).isInstanceOf(IllegalStateException.class);
        assertThat(failures.get("waiter")).isInstanceOf(IllegalStateException.class).hasMessage("the stored text is not a plan document");
        assertThat(reads.read("v1", () -> "read again")).isEqualTo("read again");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
