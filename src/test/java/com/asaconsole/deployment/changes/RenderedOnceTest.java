package com.asaconsole.deployment.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The shared rendering behind the wizard pages: one rendering per source object, however many ask at once. */
class RenderedOnceTest {

    @Test
    void twentyAskingAtOnceShareOneRenderingOfTheSameObject() throws Exception {
        RenderedOnce<Object, String> once = new RenderedOnce<>(4);
        Object plan = new Object();
        AtomicInteger renderings = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService people = Executors.newFixedThreadPool(20);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(people.submit(() -> once.of(plan, () -> {
                renderings.incrementAndGet();
                started.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "rendered";
            })));
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        release.countDown();
        for (Future<String> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("rendered");
        }
        people.shutdown();
        assertThat(renderings).hasValue(1);
    }

    @Test
    void anEqualButOtherObjectIsRenderedAgainAndTheOldestBeyondTheCapacityIsLetGo() {
        RenderedOnce<String, Integer> once = new RenderedOnce<>(2);
        AtomicInteger renderings = new AtomicInteger();
        String a = new String("plan");
        String b = new String("plan");
        String c = new String("other");
        once.of(a, renderings::incrementAndGet);
        once.of(b, renderings::incrementAndGet);
        assertThat(renderings).as("an equal document read afresh is another object").hasValue(2);
        assertThat(once.of(a, renderings::incrementAndGet)).isEqualTo(1);
        once.of(c, renderings::incrementAndGet);
        assertThat(once.of(b, renderings::incrementAndGet)).as("b was the oldest of three with room for two").isEqualTo(4);
    }

    @Test
    void aFailedRenderingIsNotKept() {
        RenderedOnce<Object, String> once = new RenderedOnce<>(2);
        Object plan = new Object();
        assertThatThrownBy(() -> once.of(plan, () -> {
            throw new IllegalStateException("The directory did not answer.");
        })).hasMessage("The directory did not answer.");
        assertThat(once.of(plan, () -> "rendered")).isEqualTo("rendered");
    }
}
