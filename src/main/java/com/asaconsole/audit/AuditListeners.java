package com.asaconsole.audit;

import com.asaconsole.directory.DirectoryActivity;
import com.asaconsole.identity.ApiTokenChanged;
import com.asaconsole.identity.LocalAccountChanged;
import com.asaconsole.identity.SignInFailed;
import com.asaconsole.identity.SignInSucceeded;
import com.asaconsole.input.UserNames;

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
    private final SignInFailures failures;

    AuditListeners(AuditTrail trail, SignInFailures failures) {
        this.trail = trail;
        this.failures = failures;
    }

    @EventListener
    void on(AuditEvent event) {
        trail.record(event);
    }

    @EventListener
    void on(SignInSucceeded event) {
        trail.record(AuditEvent.of("sign-in", UserNames.clean(event.username()))
                .by(new Actor(event.stableId(), event.displayName()))
                .from(event.sourceAddress())
                .withDetail("method", event.method().name()));
    }

    /** Anyone can cause these without signing in: counted per name and address, not one record each. */
    @EventListener
    void on(SignInFailed event) {
        failures.failed(event);
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

    /** api-token.created, api-token.revoked: the token by name, first characters and owner; never its value. */
    @EventListener
    void on(ApiTokenChanged event) {
        AuditEvent record = AuditEvent.of("api-token." + event.action(), event.token())
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
