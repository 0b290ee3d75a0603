package com.asaconsole;

import java.time.Clock;

import com.asaconsole.audit.AuditVerifyCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class AsaConsoleApplication {

    public static void main(String[] args) {
        if (AuditVerifyCommand.requested(args)) {
            // the verifier alone, without the web stack or the executor (docs/operations.md)
            System.exit(AuditVerifyCommand.run(args, System.out));
        }
        SpringApplication.run(AsaConsoleApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
