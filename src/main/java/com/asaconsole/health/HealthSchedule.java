package com.asaconsole.health;

import java.time.Instant;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The estate checks run as one recurring task on the console's persistent scheduler (db-scheduler,
 * the executor's, ADR 10): one row in {@code scheduled_tasks}, so exactly one node runs each round,
 * and a node that dies mid-round is replaced. "Check now" moves that one row's next run to now, so an
 * on-demand round is the same single round, never a second one beside it. The row's data says why
 * the round runs (ON_DEMAND once, then SCHEDULE again).
 * <p>
 * The first scheduled round runs one interval after the recurring row is first created, not at the
 * scheduler's start: a node starting up (and a test starting a console) is not also loaded with a
 * round over the whole estate; "Check now" is there for whoever wants one at once.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HealthProperties.class)
class HealthSchedule {

    static final String TASK = "estate-health";
    /** The task row's data: the name of the {@link HealthRound.Trigger} of the next round (a String, as rows already hold it). */
    static final String SCHEDULED = HealthRound.Trigger.SCHEDULE.name();
    static final String ON_DEMAND = HealthRound.Trigger.ON_DEMAND.name();
    static final java.time.Duration WAIT_FOR_RUNNING_ROUND = java.time.Duration.ofSeconds(10);

    @Bean
    RecurringTask<String> estateHealthTask(HealthProperties properties, EstateCheckRound round) {
        return Tasks.recurring(TASK, new FirstAfterOneInterval(FixedDelay.of(properties.interval()), properties.interval()), String.class)
                .initialData(SCHEDULED)
                .executeStateful((instance, context) -> {
                    HealthRound.Trigger trigger = ON_DEMAND.equals(instance.getData()) ? HealthRound.Trigger.ON_DEMAND
                            : HealthRound.Trigger.SCHEDULE;
                    if (round.worthRunning(trigger)) {
                        round.run(trigger, context.getExecution().pickedBy);
                    }
                    return SCHEDULED;
                });
    }

    @Bean
    HealthTrigger healthTrigger(DataSource dataSource, RecurringTask<String> task) {
        SchedulerClient client = SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource), task).build();
        return () -> {
            // a round running right now can't be moved: wait a little for it to end (small estates take seconds)
            Instant giveUp = Instant.now().plus(WAIT_FOR_RUNNING_ROUND);
            while (true) {
                try {
                    return client.reschedule(task.getDefaultTaskInstance(), Instant.now(), ON_DEMAND);
                } catch (TaskInstanceCurrentlyExecutingException e) {
                    if (Instant.now().isAfter(giveUp)) {
                        return false;
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                } catch (TaskInstanceException e) {
                    // no node has started the schedule yet
                    return false;
                }
            }
        };
    }

    /** A fixed delay between rounds whose first run is one interval after the row is created (db-scheduler's FixedDelay starts at once). */
    record FirstAfterOneInterval(FixedDelay delay, java.time.Duration interval) implements Schedule {
        @Override
        public Instant getNextExecutionTime(ExecutionComplete executionComplete) {
            return delay.getNextExecutionTime(executionComplete);
        }

        @Override
        public Instant getInitialExecutionTime(Instant now) {
            return now.plus(interval);
        }

        @Override
        public boolean isDeterministic() {
            return false;
        }
    }

    /** Asks for a round now. */
    interface HealthTrigger {
        /** @return false when a round has been running for the last ten seconds (its results come soon) or no node runs rounds yet */
        boolean now();
    }
}
