package com.asaconsole.directory;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;

/**
 * "Protect object from accidental deletion" on one object, as a value, written as ADUC writes it:
 * an ACE denying Everyone Delete and Delete subtree on the object, and one denying Everyone Delete
 * child objects on its container (the directory lets whoever may delete a container's children
 * delete the object, whatever the object's own DACL says; children that grant Delete themselves stay
 * deletable). Each ACE is put first in its DACL (deny ACEs come first in canonical order); the rest of
 * the DACL is read and written back as it is. {@link ForestDirectory#protect} makes the writes from
 * this value and a reviewer reads {@link #describe()}, so what is shown is what is sent.
 */
public record DeletionProtection(String dn) {

    /** The object's ACE in SDDL, as ADUC writes it and as {@code dsacl} and {@code Get-Acl} show it. */
    public static final String ACE_SDDL = "(D;;SDDT;;;WD)";
    /** The container's ACE in SDDL. */
    public static final String PARENT_ACE_SDDL = "(D;;DC;;;WD)";

    static final String SID = SecurityDescriptor.EVERYONE;
    static final int MASK = SecurityDescriptor.DELETE | SecurityDescriptor.DELETE_TREE;
    static final int PARENT_MASK = SecurityDescriptor.DELETE_CHILD;

    /** The container the object is in. */
    public String parentDn() {
        try {
            LdapName name = new LdapName(dn);
            return name.getPrefix(name.size() - 1).toString();
        } catch (InvalidNameException e) {
            throw new DirectoryException(dn + " is not a distinguished name.");
        }
    }

    /** The writes for a reviewer, in the shape of the LDIF beside them. */
    public String describe() {
        return write(dn, ACE_SDDL, "deny Everyone Delete and Delete subtree") + "\n"
                + write(parentDn(), PARENT_ACE_SDDL, "deny Everyone Delete child objects; children that grant Delete stay deletable");
    }

    private static String write(String dn, String ace, String meaning) {
        return "dn: " + dn + "\nchangetype: modify\nreplace: nTSecurityDescriptor\n"
                + "nTSecurityDescriptor: the DACL read now (SD flags: DACL only) with the ACE " + ace + " (" + meaning
                + ") put first, unless it is there; owner, group, SACL and every other ACE unchanged\n";
    }
}
