package com.asaconsole.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.asaconsole.threads.ManagedThreads;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The one member fan-out with plain work in place of members (the lab's members: CasMembersLabTest, RemoteDeploymentTest). */
class MemberFanOutTest {

    private final ThreadPoolTaskExecutor threads = ManagedThreads.onDemand(new ThreadPoolTaskExecutorBuilder(), "member");
    private final MemberFanOut fanOut;

    MemberFanOutTest() {
        threads.initialize();
        fanOut = new MemberFanOut(threads);
    }

    @AfterEach
    void stop() {
        threads.shutdown();
    }

    @Test
    void runsAtMostTheBoundAtOnceAndAnswersInTheOrderGiven() throws Exception {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Integer> answers = fanOut.each(IntStream.range(0, 40).boxed().toList(), 4, i -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            sleep(20 - i % 7);
            now.decrementAndGet();
            return i * 10;
        });
        assertThat(answers).isEqualTo(IntStream.range(0, 40).map(i -> i * 10).boxed().toList());
        assertThat(most.get()).isEqualTo(4);
        assertThat(threads.getThreadNamePrefix()).isEqualTo("member-");
    }

    @Test
    void twoFanOutsAtOnceEachKeepTheirOwnBoundOnTheSharedThreads() throws Exception {
        AtomicInteger[] now = { new AtomicInteger(), new AtomicInteger() };
        AtomicInteger[] most = { new AtomicInteger(), new AtomicInteger() };
        CountDownLatch both = new CountDownLatch(2);
        for (int call = 0; call < 2; call++) {
            int c = call;
            threads.execute(() -> {
                try {
                    fanOut.each(IntStream.range(0, 12).boxed().toList(), 3, i -> {
                        most[c].accumulateAndGet(now[c].incrementAndGet(), Math::max);
                        sleep(30);
                        now[c].decrementAndGet();
                        return i;
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    both.countDown();
                }
            });
        }
        assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(most[0].get()).isEqualTo(3);
        assertThat(most[1].get()).isEqualTo(3);
    }

    @Test
    void theFirstFailureInOrderIsThrownAsItWasAndItemsNotBegunNeverBegin() {
        AtomicInteger begun = new AtomicInteger();
        assertThatThrownBy(() -> fanOut.each(IntStream.range(0, 50).boxed().toList(), 2, i -> {
            begun.incrementAndGet();
            if (i == 1) {
                throw new IllegalStateException("member 1 refused");
            }
            sleep(50);
            return i;
        })).isInstanceOf(IllegalStateException.class).hasMessage("member 1 refused");
        sleep(200);
        assertThat(begun.get()).as("items begun before the failure was seen").isLessThan(10);
    }

    @Test
    void anInterruptedCallerStopsTheRunningWorkAndNothingMoreBegins() throws Exception {
        AtomicInteger begun = new AtomicInteger();
        AtomicInteger interrupted = new AtomicInteger();
        Thread caller = Thread.currentThread();
        threads.execute(() -> {
            sleep(150);
            caller.interrupt();
        });
        assertThatThrownBy(() -> fanOut.each(IntStream.range(0, 20).boxed().toList(), 2, i -> {
            begun.incrementAndGet();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
            }
            return i;
        })).isInstanceOf(InterruptedException.class);
        Thread.interrupted();
        sleep(300);
        assertThat(begun.get()).isEqualTo(2);
        assertThat(interrupted.get()).isEqualTo(2);
        assertThat(fanOut.each(List.of(), 4, i -> i)).isEmpty();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
