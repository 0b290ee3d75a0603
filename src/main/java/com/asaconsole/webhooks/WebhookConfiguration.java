package com.asaconsole.webhooks;

import java.time.Instant;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

/**
 * One db-scheduler task instance per delivery (its id), run by the console's persistent scheduler (ADR 10): a failed
 * attempt is retried after {@code retry-backoff}, doubling, until {@code attempts}; then the delivery is FAILED.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

    static final String TASK = "webhook-delivery";
    /** The wait doubles after each failed attempt (db-scheduler's own default rate is 1.5). */
    static final double BACKOFF_RATE = 2.0;

    @Bean
    OneTimeTask<Void> webhookDeliveryTask(@Lazy WebhookDeliveries deliveries, WebhookProperties properties) {
        return Tasks.oneTime(TASK, Void.class)
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(properties.attempts() - 1,
                        new FailureHandler.ExponentialBackoffFailureHandler<>(properties.retryBackoff(), BACKOFF_RATE),
                        (complete, operations) -> {
                            deliveries.gaveUp(complete.getExecution().taskInstance.getId());
                            operations.stop();
                        }))
                .execute((instance, context) -> deliveries.attempt(instance.getId(), Instant.now()));
    }
}
