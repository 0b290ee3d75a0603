package com.asaconsole.directory;

/**
 * What keeps an ASA alive and rollable, read from its security descriptor and description.
 *
 * @param protectedFromDeletion Everyone is denied Delete and Delete-subtree on it (ADUC's "Protect
 *     object from accidental deletion")
 * @param description its description attribute, or null (stale-computer clean-up scripts read it)
 * @param bindAccount the console's directory account, as it signs in
 * @param bindAccountMayResetPassword whether that account holds Reset password on the ASA (the next roll needs it)
 */
public record AccountSafety(boolean protectedFromDeletion, String description, String bindAccount,
        boolean bindAccountMayResetPassword) {
}
