package com.asaconsole.deployment;

import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The job executor runs on db-scheduler (ADR 10): one task instance per job in the application
 * database, picked by exactly one node, kept alive by heartbeats and revived (as INTERRUPTED) by any
 * node once its heartbeats stop.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExecutorProperties.class)
class ExecutorConfiguration {

    static final String JOB_TASK = "deployment-job";
    private static final Logger log = LoggerFactory.getLogger(ExecutorConfiguration.class);

    /** This console's name among the nodes, fixed for the process's life. */
    record Node(String name) {
    }

    @Bean
    Node executorNode(ExecutorProperties properties) {
        return new Node(properties.node());
    }

    /**
     * One task instance per job. A run that throws is a node stopping mid-job: it runs again soon (as
     * INTERRUPTED). A job that finds another job running waits and tries again two seconds later.
     */
    @Bean
    CustomTask<Void> deploymentJobTask(JobRunner runner) {
        return Tasks.custom(JOB_TASK, Void.class).onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(15)))
                .execute((instance, context) -> runner.run(Long.parseLong(instance.getId()))
                        ? new CompletionHandler.OnCompleteRemove<Void>()
                        : (complete, operations) -> operations.reschedule(complete, Instant.now().plusSeconds(2)));
    }

    @Bean
    Scheduler deploymentScheduler(DataSource dataSource, ExecutorProperties properties, Node node, CustomTask<Void> task) {
        // the proxy lets a job be scheduled in the same transaction that creates it
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), task)
                .schedulerName(new SchedulerName.Fixed(node.name()))
                .threads(properties.threads())
                .pollingInterval(properties.pollingInterval())
                .heartbeatInterval(properties.heartbeatInterval())
                .missedHeartbeatsLimit(properties.missedHeartbeats())
                .enableImmediateExecution()
                .commitWhenAutocommitDisabled(false)
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build();
    }

    @Bean
    SmartLifecycle deploymentSchedulerLifecycle(Scheduler scheduler, ExecutorProperties properties) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                if (!properties.enabled()) {
                    log.info("Job executor disabled on this node (asa.executor.enabled=false): jobs are queued for other nodes");
                    return;
                }
                scheduler.start();
                running = true;
                log.info("Job executor started");
            }

            @Override
            public void stop() {
                if (running) {
                    scheduler.stop();
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
