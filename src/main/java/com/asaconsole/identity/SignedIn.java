package com.asaconsole.identity;

/** Someone signed in (event for the audit trail). */
public record SignedIn(ConsoleUser user, String sourceAddress) {
}
