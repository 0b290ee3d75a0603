package com.asaconsole.identity;

/**
 * Who is signed in, as other modules may name them: a stable id that survives renames (for local
 * accounts {@code local:<id>}; for AD users their objectSid or objectGUID) and a name to show.
 * The authenticated principal implements it.
 */
public interface ConsolePrincipal {

    String stableId();

    String displayName();
}
