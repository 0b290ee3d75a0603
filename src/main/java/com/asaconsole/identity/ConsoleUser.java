package com.asaconsole.identity;

import java.util.Set;

/**
 * Who is signed in, as the rest of the console needs it. {@code stableId} survives renames and is
 * what four-eyes approval and the audit trail compare: {@code sid:S-1-5-21-…} for directory
 * users, {@code local:<id>} for the console's own accounts.
 *
 * @param method how they signed in
 */
public record ConsoleUser(String stableId, String username, String displayName, Method method, Set<Role> roles) {

    /**
     * How someone signed in, or what acts when no person did. The names appear in audit records ({@code method}) and
     * sign-in events as they are.
     */
    public enum Method {
        /** Windows integrated sign-in (SPNEGO). */
        KERBEROS,
        /** A directory user's password, checked by an LDAP bind. */
        LDAP,
        /** One of the console's own accounts. */
        LOCAL,
        /** A password sign-in that was refused or not yet resolved to LDAP or LOCAL. */
        PASSWORD,
        /** An authentication of another kind (e.g. a test's or an API token's principal without a console user). */
        OTHER,
        /** The console itself, e.g. a scheduled roll created under a rotation policy. */
        SYSTEM,
        /** The reviewer of a standing approval, acting through their policy. */
        POLICY;

        /** A person who signs in with a password or Kerberos (the methods an API token may belong to). */
        public boolean person() {
            return this == KERBEROS || this == LDAP || this == LOCAL;
        }
    }

    public boolean fromDirectory() {
        return method != Method.LOCAL;
    }
}
