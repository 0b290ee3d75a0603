package com.asaconsole.directory;

import java.util.List;

/**
 * A person as the directory knows them, for sign-in: a stable identity (objectSid, objectGUID)
 * that survives renames, and every group they belong to, nested groups included.
 *
 * @param groups the sAMAccountNames of all groups, transitively
 * @param groupDns the distinguished names of the same groups
 */
public record DirectoryUser(String dn, String samAccountName, String userPrincipalName, String displayName, String objectSid,
        String objectGuid, boolean enabled, List<String> groups, List<String> groupDns) {
}
