package com.asaconsole.audit;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The verifier from the command line (docs/operations.md):
 * {@code java -jar asa-console.jar --spring.main.web-application-type=none --audit-verify [--audit-checkpoint=SEQ:HASH]}.
 * Prints the result and exits 0 when the chain is intact, 1 when it is broken, 2 on bad arguments.
 */
@Component
class AuditCommandLine implements ApplicationRunner {

    static final String VERIFY = "audit-verify";
    static final String CHECKPOINT = "audit-checkpoint";

    private final AuditVerifier verifier;
    private final ApplicationContext context;

    AuditCommandLine(AuditVerifier verifier, ApplicationContext context) {
        this.verifier = verifier;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption(VERIFY)) {
            return;
        }
        int code = verify(args, System.out);
        System.exit(SpringApplication.exit(context, () -> code));
    }

    int verify(ApplicationArguments args, PrintStream out) {
        Checkpoint external = null;
        List<String> given = args.getOptionValues(CHECKPOINT);
        if (given != null && !given.isEmpty()) {
            String[] parts = given.get(0).split(":", 2);
            if (parts.length != 2 || !parts[0].matches("\\d{1,18}") || !parts[1].matches("[0-9a-f]{64}")) {
                out.println("audit-verify: --audit-checkpoint must be SEQ:HASH (a record number and its 64-hex-digit hash)");
                return 2;
            }
            external = new Checkpoint(-1, Instant.EPOCH, Long.parseLong(parts[0]), parts[1], "");
        }
        Verification v = verifier.verify(external);
        if (v.intact()) {
            out.printf("audit-verify: INTACT records=%d last=%d hash=%s checkpoints=%d%n", v.recordsChecked(), v.lastSeq(),
                    v.lastHash() == null ? "-" : v.lastHash(), v.checkpointsChecked());
        } else {
            out.printf("audit-verify: BROKEN first-bad-record=%d records-checked=%d%n  %s%n", v.firstBadSeq(), v.recordsChecked(),
                    v.problem());
        }
        v.warnings().forEach(w -> out.println("  warning: " + w));
        return v.intact() ? 0 : 1;
    }
}
