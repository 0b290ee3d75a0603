package com.asaconsole.identity;

/**
 * A sign-in was refused. Never carries the password that was typed.
 *
 * @param username the name typed (not necessarily an existing account)
 * @param method KERBEROS, or PASSWORD (local and AD password sign-in share one form)
 * @param sourceAddress the client's address
 * @param reason why, in a few words (wrong credentials, disabled, throttled)
 * @param throttled refused before the password was even checked
 */
public record SignInFailed(String username, ConsoleUser.Method method, String sourceAddress, String reason, boolean throttled) {
}
