package com.asaconsole.audit;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The verifier from the command line (docs/operations.md), against the same settings as the
 * console: {@code java -jar asa-console.jar --audit-verify [--audit-checkpoint=SEQ:HASH]}. It
 * starts only what it needs (the database, the audit key and the verifier: no web server, no
 * executor, no migration) and exits with a code of its own for each outcome: {@link #INTACT},
 * {@link #BROKEN}, {@link #COULD_NOT_RUN} (bad arguments, no database, no key, any error; the
 * Java launcher's own failures exit 1, which is never a verdict either).
 */
public final class AuditVerifyCommand {

    public static final int INTACT = 0;
    public static final int COULD_NOT_RUN = 2;
    public static final int BROKEN = 3;

    static final String VERIFY = "audit-verify";
    static final String CHECKPOINT = "audit-checkpoint";

    private AuditVerifyCommand() {
    }

    /** Whether the console was started to verify the trail rather than to serve. */
    public static boolean requested(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("--" + VERIFY) || a.startsWith("--" + VERIFY + "="));
    }

    /** Verifies the trail the settings in {@code args} (and the usual configuration) point at; the exit code. */
    public static int run(String[] args, PrintStream out) {
        Checkpoint external;
        try {
            external = external(args);
        } catch (IllegalArgumentException e) {
            out.println("audit-verify: COULD-NOT-RUN " + e.getMessage());
            return COULD_NOT_RUN;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(VerifierOnly.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).bannerMode(org.springframework.boot.Banner.Mode.OFF)
                .properties("asa.audit.command-line=true", "spring.main.register-shutdown-hook=false")
                .run(args)) {
            return report(context.getBean(AuditVerifier.class).verify(external), out);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            out.println("audit-verify: COULD-NOT-RUN " + (root.getMessage() == null ? root.getClass().getSimpleName()
                    : root.getMessage().lines().findFirst().orElse("")));
            return COULD_NOT_RUN;
        }
    }

    static int report(Verification v, PrintStream out) {
        if (v.intact()) {
            out.printf("audit-verify: %s records=%d last=%d hash=%s checkpoints=%d%n", v.sound() ? "INTACT" : "BROKEN unprotected",
                    v.recordsChecked(), v.lastSeq(), v.lastHash() == null ? "-" : v.lastHash(), v.checkpointsChecked());
        } else {
            out.printf("audit-verify: BROKEN first-bad-record=%d records-checked=%d%n  %s%n", v.firstBadSeq(), v.recordsChecked(),
                    v.problem());
        }
        v.unprotected().forEach(p -> out.println("  unprotected: " + p));
        v.warnings().forEach(w -> out.println("  warning: " + w));
        return v.sound() ? INTACT : BROKEN;
    }

    private static Checkpoint external(String[] args) {
        List<String> given = new DefaultApplicationArguments(args).getOptionValues(CHECKPOINT);
        if (given == null || given.isEmpty()) {
            return null;
        }
        String[] parts = given.get(0).split(":", 2);
        if (parts.length != 2 || !parts[0].matches("\\d{1,18}") || !parts[1].matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("--audit-checkpoint must be SEQ:HASH (a record number and its 64-hex-digit hash)");
        }
        return new Checkpoint(-1, Instant.EPOCH, Long.parseLong(parts[0]), parts[1], "");
    }

    /**
     * The database, the audit key and the verifier; nothing else of the console. Not a
     * {@code @Configuration}, so the console's own component scan leaves it out.
     */
    @ImportAutoConfiguration({ DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
            JdbcClientAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            TransactionAutoConfiguration.class })
    @EnableConfigurationProperties(AuditProperties.class)
    @Import({ AuditKey.class, AuditProtection.class, Checkpoints.class, JdbcAuditTrail.class, AuditVerifier.class })
    static class VerifierOnly {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }
}
