package com.asaconsole.directory;

/**
 * What keeps an ASA alive and rollable, read from its security descriptor and description.
 *
 * @param protectedFromDeletion Everyone is denied Delete and Delete-subtree on it and Delete child
 *     objects on its container (ADUC's "Protect object from accidental deletion" writes both)
 * @param description its description attribute, or null (stale-computer clean-up scripts read it)
 * @param bindAccount the console's directory account, as it signs in
 * @param bindAccountMayResetPassword whether that account holds Reset password on the ASA (the next roll needs it)
 */
public record AccountSafety(boolean protectedFromDeletion, String description, String bindAccount,
        boolean bindAccountMayResetPassword) {

    /** Whether the description tells a clean-up script (or an admin) that this is an ASA: it names an Alternate Service Account or an ASA. */
    public boolean markedAsAsa() {
        return description != null && (description.toLowerCase(java.util.Locale.ROOT).contains("alternate service account")
                || description.matches("(?i).*\\bASA\\b.*"));
    }
}
