package com.asaconsole.rotation;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Due rolls are looked for by one recurring task on the console's persistent scheduler (the
 * executor's db-scheduler, ADR 10): one row, so one node at a time creates rolls, whoever is signed
 * in or not. The roll's job is an ordinary executor job, cluster-safe in the same way.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RotationProperties.class)
class RotationSchedule {

    static final String TASK = "asa-rotation";

    @Bean
    RecurringTask<Void> asaRotationTask(RotationProperties properties, RotationRound round) {
        return Tasks.recurring(TASK, FixedDelay.of(properties.checkInterval())).execute((instance, context) -> round.run());
    }
}
