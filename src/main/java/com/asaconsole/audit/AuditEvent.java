package com.asaconsole.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What another module wants written to the audit trail. Give it to {@link AuditTrail}, or publish
 * it as an application event (recorded synchronously, in the publisher's transaction).
 * <p>
 * Actor and source address may be left out: the trail takes them from the signed-in person and
 * the current request. Details whose key names a secret (password, secret, token, key,
 * credential) are masked before anything is stored.
 *
 * @param action what was done, dotted lower case ({@code sign-in}, {@code plan.saved}, {@code ldap.spn.add})
 * @param target what it was done to (an account DN, a plan number, a CAS member)
 * @param outcome how it ended
 * @param details further facts (before/after values, a reason); never secrets
 * @param correlation ties records together: a change request number, an intent and its outcome
 * @param actor who did it, or null for the signed-in person
 * @param sourceAddress the client's address, or null for the current request's
 */
public record AuditEvent(String action, String target, Outcome outcome, Map<String, String> details, String correlation,
        Actor actor, String sourceAddress) {

    public AuditEvent {
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("an audit event needs an action");
        }
        outcome = outcome == null ? Outcome.SUCCESS : outcome;
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static AuditEvent of(String action, String target) {
        return new AuditEvent(action, target, Outcome.SUCCESS, Map.of(), null, null, null);
    }

    public AuditEvent withOutcome(Outcome newOutcome) {
        return new AuditEvent(action, target, newOutcome, details, correlation, actor, sourceAddress);
    }

    public AuditEvent withDetail(String key, Object value) {
        Map<String, String> more = new LinkedHashMap<>(details);
        more.put(key, value == null ? null : value.toString());
        return new AuditEvent(action, target, outcome, more, correlation, actor, sourceAddress);
    }

    public AuditEvent withCorrelation(String newCorrelation) {
        return new AuditEvent(action, target, outcome, details, newCorrelation, actor, sourceAddress);
    }

    public AuditEvent by(Actor newActor) {
        return new AuditEvent(action, target, outcome, details, correlation, newActor, sourceAddress);
    }

    public AuditEvent from(String address) {
        return new AuditEvent(action, target, outcome, details, correlation, actor, address);
    }
}
