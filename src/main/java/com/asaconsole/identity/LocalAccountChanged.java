package com.asaconsole.identity;

import java.util.Map;

/**
 * An admin created, turned off or on, or reset a local account, or its owner changed their password. Published
 * synchronously inside the change's transaction: a listener that throws (the audit trail cannot record it) undoes
 * the change. Never carries a password.
 *
 * @param action created, disabled, enabled, password-reset or password-changed
 * @param username the account changed
 * @param byStableId who did it ({@code local:<id>}, {@code sid:…})
 * @param byName their name to show
 * @param details further facts (roles, display name); never a secret
 */
public record LocalAccountChanged(String action, String username, String byStableId, String byName, Map<String, String> details) {

    public LocalAccountChanged {
        details = Map.copyOf(details);
    }
}
