package com.asaconsole.lab;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * {@code @ExtendWith(PostgresLab.class)} before the Spring extension: one real PostgreSQL for
 * the test JVM, stopped when the run ends. Spring tests point their data source at it with
 * {@link #datasource(DynamicPropertyRegistry)} from a {@code @DynamicPropertySource} method.
 */
public final class PostgresLab implements BeforeAllCallback {

    private static volatile PostgresServer current;

    @Override
    public void beforeAll(ExtensionContext context) {
        current = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(PostgresServer.class, k -> PostgresServer.start(), PostgresServer.class);
    }

    public static PostgresServer server() {
        if (current == null) {
            throw new IllegalStateException("No PostgreSQL lab: annotate the test class with @ExtendWith(PostgresLab.class)");
        }
        return current;
    }

    public static void datasource(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> server().jdbcUrl());
        registry.add("spring.datasource.username", () -> server().username());
        registry.add("spring.datasource.password", () -> "");
    }
}
