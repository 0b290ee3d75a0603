package com.asaconsole.identity;

/**
 * Someone signed in. Published synchronously before the session is established: a listener
 * that throws (the audit trail cannot record it) refuses the sign-in.
 *
 * @param stableId the person's stable id ({@code sid:S-1-5-21-…} or {@code local:1})
 * @param displayName their name to show
 * @param username the name they typed, or their Kerberos principal
 * @param method KERBEROS, LDAP or LOCAL
 * @param sourceAddress the client's address
 */
public record SignInSucceeded(String stableId, String displayName, String username, ConsoleUser.Method method, String sourceAddress) {
}
