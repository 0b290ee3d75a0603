package com.asaconsole.identity;

import java.util.Map;

/**
 * Someone created or revoked an API token. Published synchronously inside the change's transaction, like
 * {@link LocalAccountChanged}: if the audit trail can't record it, nothing changed. Never carries the token.
 *
 * @param action created or revoked
 * @param token the token described by name, its first characters and its owner
 */
public record ApiTokenChanged(String action, String token, String byStableId, String byName, Map<String, String> details) {

    public ApiTokenChanged {
        details = Map.copyOf(details);
    }
}
