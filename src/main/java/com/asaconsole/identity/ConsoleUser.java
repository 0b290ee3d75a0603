package com.asaconsole.identity;

import java.util.Set;

/**
 * Who is signed in, as the rest of the console needs it. {@code stableId} survives renames and is
 * what four-eyes approval and the audit trail compare: {@code sid:S-1-5-21-…} for directory
 * users, {@code local:<id>} for the console's own accounts.
 *
 * @param method how they signed in: KERBEROS, LDAP or LOCAL
 */
public record ConsoleUser(String stableId, String username, String displayName, String method, Set<Role> roles) {

    public static final String KERBEROS = "KERBEROS";
    public static final String LDAP = "LDAP";
    public static final String LOCAL = "LOCAL";

    public boolean fromDirectory() {
        return !LOCAL.equals(method);
    }
}
