package com.asaconsole.audit;

/**
 * An intent record written (and committed) before a side effect outside the database, e.g. an
 * LDAP write or a remote command. Pass it to {@link AuditTrail#outcome} afterwards.
 *
 * @param seq the intent record's number
 * @param correlation shared by the intent and its outcome
 * @param event what was intended
 */
public record Intent(long seq, String correlation, AuditEvent event) {
}
