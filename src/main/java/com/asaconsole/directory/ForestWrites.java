package com.asaconsole.directory;

import org.springframework.modulith.NamedInterface;

/**
 * The writes to a forest's directory (ADR 41): the one type of the named interface {@code directory :: writes}, which
 * only {@code deployment} may use, so that nothing but a step of an approved change writes to Active Directory. The
 * reads come from {@link DirectoryGateway} by purpose ({@link SpnLookups}, {@link DirectoryPeople}; ADR 45).
 */
@NamedInterface("writes")
public final class ForestWrites {

    private final ForestDirectory directory;

    private ForestWrites(ForestDirectory directory) {
        this.directory = directory;
    }

    /** The writes over the same connection (and DC) as these reads. */
    public static ForestWrites of(ForestDirectory directory) {
        return new ForestWrites(directory);
    }

    /** Creates a computer account (the recommended ASA) with the given password and encryption types. */
    public AccountState createComputerAccount(String ouDn, String name, int encryptionTypes, char[] password) {
        return directory.createComputerAccount(ouDn, name, encryptionTypes, password);
    }

    /** Creates a user account as ASA; {@code passwordNeverExpires} avoids an expiry that would break Kerberos. */
    public AccountState createUserAccount(String ouDn, String name, int encryptionTypes, char[] password, boolean passwordNeverExpires) {
        return directory.createUserAccount(ouDn, name, encryptionTypes, password, passwordNeverExpires);
    }

    /**
     * Makes one write exactly as its value describes it (what the reviewer read as LDIF); {@code secret} is the value of
     * its secret attribute (the password), or null when it has none.
     */
    public void write(LdapWrite write, char[] secret, String doing) {
        directory.write(write, secret, doing);
    }

    /** Sets a new password (unicodePwd over TLS); the directory bumps the key version. */
    public void setPassword(String dn, char[] password) {
        directory.setPassword(dn, password);
    }

    public void setEncryptionTypes(String dn, int encryptionTypes) {
        directory.setEncryptionTypes(dn, encryptionTypes);
    }

    public void deleteAccount(String dn) {
        directory.deleteAccount(dn);
    }

    /** Protects the object from accidental deletion ({@link DeletionProtection}). */
    public void protect(DeletionProtection protection) {
        directory.protect(protection);
    }

    /** setspn -S: adds only when no other account in the forest holds it. */
    public SpnChange addSpn(String dn, String spn) {
        return directory.addSpn(dn, spn);
    }

    /** setspn -D. */
    public SpnChange removeSpn(String dn, String spn) {
        return directory.removeSpn(dn, spn);
    }

    /** Moves an SPN from a wrong account (e.g. a CAS computer account) to the ASA: remove, then add. */
    public SpnMove moveSpn(String spn, String fromDn, String toDn) {
        return directory.moveSpn(spn, fromDn, toDn);
    }
}
