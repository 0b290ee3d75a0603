package com.asaconsole.deployment.executor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import com.asaconsole.deployment.changes.DeploymentProperties;
import com.asaconsole.threads.ManagedThreads;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The job executor runs on db-scheduler (ADR 10): one task instance per job in the application
 * database, picked by exactly one node, kept alive by heartbeats and revived (as INTERRUPTED) by any
 * node once its heartbeats stop.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ExecutorProperties.class, DeploymentProperties.class })
class ExecutorConfiguration {

    static final String JOB_TASK = "deployment-job";
    private static final Logger log = LoggerFactory.getLogger(ExecutorConfiguration.class);

    /** This console's name among the nodes, fixed for the process's life. */
    record Node(String name) {
    }

    /** The threads a job's calls run on (one per call in progress, so that a call past the task timeout is given up on). */
    @Bean
    ThreadPoolTaskExecutor jobCallThreads(ThreadPoolTaskExecutorBuilder builder) {
        return ManagedThreads.onDemand(builder, "job-call");
    }

    @Bean
    Node executorNode(ExecutorProperties properties) {
        return new Node(properties.node());
    }

    /**
     * One task instance per job. A run that throws is a node stopping mid-job: it runs again soon (as
     * INTERRUPTED). A job that finds another job running waits and tries again two seconds later. A job queued
     * again while its run was ending (a retry or skip clicked as soon as the pause showed: its schedule found this
     * instance still there and added none) runs again at once instead of waiting in QUEUED for ever.
     */
    @Bean
    CustomTask<Void> deploymentJobTask(JobRunner runner) {
        return Tasks.custom(JOB_TASK, Void.class).onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(15)))
                .execute((instance, context) -> {
                    long jobId = Long.parseLong(instance.getId());
                    if (!runner.run(jobId)) {
                        return (complete, operations) -> operations.reschedule(complete, Instant.now().plusSeconds(2));
                    }
                    return runner.queued(jobId) ? (complete, operations) -> operations.reschedule(complete, Instant.now())
                            : new CompletionHandler.OnCompleteRemove<Void>();
                });
    }

    /** Queues jobs (in the caller's transaction, through the proxy); running them is the lifecycle's scheduler. */
    @Bean
    SchedulerClient deploymentSchedulerClient(DataSource dataSource, CustomTask<Void> task) {
        return SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource), task).build();
    }

    /**
     * The one scheduler runs every db-scheduler task of the console: the jobs', other modules' one-off tasks (webhook
     * deliveries) and their recurring work (the estate checks, rotation): each recurring task is a {@link RecurringTask}
     * bean with one instance in the table, so one node at a time runs it.
     */
    private static Scheduler scheduler(DataSource dataSource, ExecutorProperties properties, Node node,
            List<com.github.kagkarlsson.scheduler.task.Task<?>> tasks) {
        List<RecurringTask<?>> recurring = tasks.stream().filter(RecurringTask.class::isInstance).<RecurringTask<?>>map(t -> (RecurringTask<?>) t)
                .toList();
        // start tasks are known tasks too: naming them twice is refused
        List<com.github.kagkarlsson.scheduler.task.Task<?>> known = tasks.stream().filter(t -> !(t instanceof RecurringTask)).toList();
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), known)
                .startTasks(recurring)
                .schedulerName(new SchedulerName.Fixed(node.name()))
                .threads(properties.threads())
                .pollingInterval(properties.pollingInterval())
                .heartbeatInterval(properties.heartbeatInterval())
                .missedHeartbeatsLimit(properties.missedHeartbeats())
                .commitWhenAutocommitDisabled(false)
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build();
    }

    /** Runs every db-scheduler task of the console: the jobs' and other modules' (webhook deliveries). */
    @Bean
    SmartLifecycle deploymentSchedulerLifecycle(DataSource dataSource, ExecutorProperties properties, Node node,
            ObjectProvider<com.github.kagkarlsson.scheduler.task.Task<?>> tasks) {
        // a db-scheduler Scheduler can't start again once stopped: each start (e.g. after a paused test context) makes a new one
        return new SmartLifecycle() {
            private volatile boolean running;
            private Scheduler scheduler;

            @Override
            public void start() {
                if (!properties.enabled()) {
                    log.info("Job executor disabled on this node (asa.executor.enabled=false): jobs are queued for other nodes");
                    return;
                }
                scheduler = scheduler(dataSource, properties, node, tasks.orderedStream().toList());
                scheduler.start();
                running = true;
                log.info("Job executor started");
            }

            @Override
            public void stop() {
                if (running) {
                    scheduler.stop();
                    scheduler = null;
                }
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
