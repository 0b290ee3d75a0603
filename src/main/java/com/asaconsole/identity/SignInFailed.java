package com.asaconsole.identity;

/**
 * A sign-in that failed (event for the audit trail): the name that was tried, never the password.
 *
 * @param method KERBEROS, or PASSWORD (local and AD password sign-in share one form)
 */
public record SignInFailed(String username, String method, String sourceAddress, String reason) {
}
