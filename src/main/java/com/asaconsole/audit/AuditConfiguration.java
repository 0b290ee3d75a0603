package com.asaconsole.audit;

import com.asaconsole.threads.ManagedThreads;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
@EnableScheduling
class AuditConfiguration {

    /** The full verification at start-up runs beside the start, on a thread of its own. */
    @Bean
    ThreadPoolTaskExecutor auditVerifyThreads(ThreadPoolTaskExecutorBuilder builder) {
        return ManagedThreads.fixed(builder, "audit-verify", 1);
    }
}
