package com.asaconsole.directory;

import com.asaconsole.threads.ManagedThreads;

import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The forest-wide scans' threads: two scans at once (more wait their turn), each with one writer beside its reader. */
@Configuration(proxyBeanMethods = false)
class InventoryThreads {

    static final int SCANS_AT_ONCE = 2;

    @Bean
    ThreadPoolTaskExecutor spnScanThreads(ThreadPoolTaskExecutorBuilder builder) {
        return ManagedThreads.fixed(builder, "spn-scan", SCANS_AT_ONCE);
    }

    @Bean
    ThreadPoolTaskExecutor spnScanWriterThreads(ThreadPoolTaskExecutorBuilder builder) {
        return ManagedThreads.onDemand(builder, "spn-scan-writer");
    }
}
