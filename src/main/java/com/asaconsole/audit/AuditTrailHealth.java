package com.asaconsole.audit;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The trail's state as a health component in readiness: DOWN while the database's append-only
 * triggers are missing or switched off (checked on every probe; one catalogue query), or when the
 * last full verification (at start-up, in the background, then every {@code asa.audit.verify-interval})
 * found the chain broken. Both are also logged as an error at once. A console whose trail can be
 * rewritten unseen, or was, is not ready to take actions that must be accounted for (ADR 0017).
 */
@Component("auditTrail")
class AuditTrailHealth implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(AuditTrailHealth.class);

    private final AuditProtection protection;
    private final AuditVerifier verifier;
    private final TaskExecutor verifyThreads;
    private volatile Verification last;

    AuditTrailHealth(AuditProtection protection, AuditVerifier verifier, @Qualifier("auditVerifyThreads") TaskExecutor verifyThreads) {
        this.protection = protection;
        this.verifier = verifier;
        this.verifyThreads = verifyThreads;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        List<String> problems = protection.problems();
        if (!problems.isEmpty()) {
            log.error("""

                    ***** THE AUDIT TRAIL IS NOT PROTECTED *****
                    {}
                    The console reports itself not ready until the triggers are restored (db/vendor/*/V21__audit_append_only.sql).""",
                    String.join("\n", problems));
        }
        verifyThreads.execute(this::verify);
    }

    @Scheduled(fixedDelayString = "${asa.audit.verify-interval:1h}", initialDelayString = "${asa.audit.verify-interval:1h}")
    void verify() {
        try {
            Verification v = verifier.verify();
            last = v;
            if (!v.intact()) {
                log.error("""

                        ***** THE AUDIT TRAIL IS BROKEN at record {} *****
                        {}
                        The console reports itself not ready. Compare with the checkpoints in the log and an earlier export.""",
                        v.firstBadSeq(), v.problem());
            }
        } catch (RuntimeException e) {
            log.error("The audit trail could not be verified: {}", e.getMessage());
        }
    }

    /** The last full verification, or null before the first has ended. */
    Verification last() {
        return last;
    }

    @Override
    public Health health() {
        List<String> problems;
        try {
            problems = protection.problems();
        } catch (RuntimeException e) {
            return Health.down().withDetail("problem", "The audit trail's protection can't be checked: the database does not "
                    + "answer as it should.").build();
        }
        if (!problems.isEmpty()) {
            return Health.down().withDetail("problem", String.join(" ", problems)).build();
        }
        Verification v = last;
        if (v != null && !v.intact()) {
            return Health.down().withDetail("problem", "The chain is broken at record " + v.firstBadSeq() + ". " + v.problem())
                    .build();
        }
        return v == null ? Health.up().withDetail("verified", "not yet (runs in the background after start)").build()
                : Health.up().withDetail("verified", v.recordsChecked() + " records").build();
    }
}
