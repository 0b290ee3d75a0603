package com.asaconsole.audit;

/**
 * The audit trail could not write a record. The action that asked for it must not go ahead:
 * callers let it propagate, which rolls their transaction back (fail closed).
 */
public class AuditUnavailable extends RuntimeException {

    public AuditUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
