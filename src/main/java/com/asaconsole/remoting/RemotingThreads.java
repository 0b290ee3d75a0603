package com.asaconsole.remoting;

import com.asaconsole.threads.ManagedThreads;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The threads that talk to members: as many as the fan-outs running at once ask for, each fan-out bounded by its caller. */
@Configuration(proxyBeanMethods = false)
class RemotingThreads {

    @Bean
    ThreadPoolTaskExecutor memberThreads(ThreadPoolTaskExecutorBuilder builder) {
        return ManagedThreads.onDemand(builder, "member");
    }

    @Bean
    MemberFanOut memberFanOut(@Qualifier("memberThreads") ThreadPoolTaskExecutor memberThreads) {
        return new MemberFanOut(memberThreads);
    }
}
