package com.asaconsole.audit;

import java.util.Map;

/**
 * Writes the audit trail. Every method either stores its record or throws {@link AuditUnavailable};
 * an action whose record cannot be stored must fail (see ADR 8).
 * <ul>
 * <li>{@link #record} joins the caller's transaction: the record and the database change it
 * describes commit together or not at all.</li>
 * <li>{@link #intent} and {@link #outcome} are for effects outside the database (LDAP writes,
 * WinRM commands): each commits on its own at once, so the intent is durable before the call
 * and the outcome survives a rollback of the caller. Call them outside any transaction that has
 * already recorded (that transaction holds the chain lock until it commits).</li>
 * </ul>
 */
public interface AuditTrail {

    AuditRecord record(AuditEvent event);

    Intent intent(AuditEvent event);

    AuditRecord outcome(Intent intent, Outcome outcome, Map<String, String> details);
}
