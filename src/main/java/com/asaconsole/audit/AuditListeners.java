package com.asaconsole.audit;

import com.asaconsole.directory.DirectoryActivity;
import com.asaconsole.identity.LocalAccountChanged;
import com.asaconsole.identity.SignInFailed;
import com.asaconsole.identity.SignInSucceeded;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns other modules' events into records. Synchronous {@code @EventListener}s, not
 * {@code @ApplicationModuleListener}s: they run in the publisher's thread and transaction, so a
 * record that cannot be written fails the publisher's action (ADR 8).
 */
@Component
class AuditListeners {

    private final AuditTrail trail;

    AuditListeners(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(AuditEvent event) {
        trail.record(event);
    }

    @EventListener
    void on(SignInSucceeded event) {
        trail.record(AuditEvent.of("sign-in", event.username())
                .by(new Actor(event.stableId(), event.displayName()))
                .from(event.sourceAddress())
                .withDetail("method", event.method()));
    }

    @EventListener
    void on(SignInFailed event) {
        String name = event.username() == null ? "" : event.username();
        trail.record(AuditEvent.of("sign-in", name)
                .by(new Actor("anonymous", "anonymous (typed: " + SecretMask.cap(name, 100) + ")"))
                .from(event.sourceAddress())
                .withOutcome(event.throttled() ? Outcome.REFUSED : Outcome.FAILURE)
                .withDetail("method", event.method())
                .withDetail("reason", event.reason()));
    }

    /** local-account.created, .disabled, .enabled, .password-reset, .password-changed; never a password. */
    @EventListener
    void on(LocalAccountChanged event) {
        AuditEvent record = AuditEvent.of("local-account." + event.action(), event.username())
                .by(new Actor(event.byStableId(), event.byName()));
        for (var detail : new java.util.TreeMap<>(event.details()).entrySet()) {
            record = record.withDetail(detail.getKey(), detail.getValue());
        }
        trail.record(record);
    }

    /** directory.saved, directory.tested, inventory.scan-started, inventory.scan-cancelled, by the signed-in person. */
    @EventListener
    void on(DirectoryActivity event) {
        AuditEvent record = AuditEvent.of(event.action(), event.target())
                .withOutcome(event.succeeded() ? Outcome.SUCCESS : Outcome.FAILURE);
        for (var detail : new java.util.TreeMap<>(event.details()).entrySet()) {
            record = record.withDetail(detail.getKey(), detail.getValue());
        }
        trail.record(record);
    }
}
