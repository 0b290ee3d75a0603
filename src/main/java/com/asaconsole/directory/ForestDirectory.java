package com.asaconsole.directory;

import static com.asaconsole.directory.ForestLdap.binary;
import static com.asaconsole.directory.ForestLdap.string;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.naming.directory.Attributes;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.ModificationItem;
import javax.naming.ldap.LdapName;

import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.query.LdapQueryBuilder;
import org.springframework.ldap.query.SearchScope;
import org.springframework.ldap.support.LdapUtils;

/**
 * One forest's Active Directory, as a change's steps use it: the reads of {@link SpnLookups} and the writes
 * {@link ForestWrites} names (the ASA account, SPNs with setspn's semantics -S and -D, deletion protection) over
 * one connection. Every filter value and DN component is escaped; every failure becomes a
 * {@link DirectoryException} sentence. Reads for one purpose come from {@link DirectoryGateway}: {@link SpnLookups},
 * {@link DirectoryPeople}.
 */
public final class ForestDirectory {

    private final ForestLdap ldap;
    private final SpnLookups lookups;

    ForestDirectory(ForestLdap ldap, SpnLookups lookups) {
        this.ldap = ldap;
        this.lookups = lookups;
    }

    public DirectoryConnection connection() {
        return ldap.connection();
    }

    /** The reads over the same connection (and DC) as these writes. */
    public SpnLookups lookups() {
        return lookups;
    }

    // --- discovery ---------------------------------------------------------------------------

    public ForestFacts discover() {
        return ldap.onDc("reading the forest's configuration", () -> {
            Attributes root = ldap.dc().lookup("", new String[] { "dnsHostName", "defaultNamingContext",
                    "rootDomainNamingContext", "configurationNamingContext" }, (AttributesMapper<Attributes>) a -> a);
            String config = string(root, "configurationNamingContext");
            List<ForestFacts.Domain> domains = ldap.dc().search(LdapQueryBuilder.query().base("CN=Partitions," + config)
                    .where("objectClass").is("crossRef").and("systemFlags").isPresent().and("nETBIOSName").isPresent(),
                    (AttributesMapper<ForestFacts.Domain>) a -> new ForestFacts.Domain(string(a, "dnsRoot"),
                            string(a, "nETBIOSName"), string(a, "nCName")));
            List<String> sites = ldap.dc().search(LdapQueryBuilder.query().base("CN=Sites," + config).searchScope(SearchScope.ONELEVEL)
                    .where("objectClass").is("site"), (AttributesMapper<String>) a -> string(a, "cn"));
            List<ForestFacts.DomainController> dcs = ldap.dc().search(LdapQueryBuilder.query().base("CN=Sites," + config)
                    .where("objectClass").is("server"), (org.springframework.ldap.core.ContextMapper<ForestFacts.DomainController>) ctx -> {
                        var adapter = (org.springframework.ldap.core.DirContextAdapter) ctx;
                        LdapName dn = LdapUtils.newLdapName(adapter.getNameInNamespace());
                        // CN=DC1,CN=Servers,CN=<site>,CN=Sites,...
                        String site = dn.size() >= 3 ? LdapUtils.getStringValue(dn, dn.size() - 3) : null;
                        return new ForestFacts.DomainController(adapter.getStringAttribute("dNSHostName"), site);
                    });
            return new ForestFacts(string(root, "dnsHostName"), string(root, "defaultNamingContext"),
                    string(root, "rootDomainNamingContext"), config, domains, sites, dcs);
        });
    }

    // --- the ASA account ---------------------------------------------------------------------

    /** Creates a computer account (the recommended ASA) with the given password and encryption types. */
    AccountState createComputerAccount(String ouDn, String name, int encryptionTypes, char[] password) {
        return createAccount(ouDn, name, true, encryptionTypes, password, true);
    }

    /** Creates a user account as ASA; {@code passwordNeverExpires} avoids an expiry that would break Kerberos. */
    AccountState createUserAccount(String ouDn, String name, int encryptionTypes, char[] password,
            boolean passwordNeverExpires) {
        return createAccount(ouDn, name, false, encryptionTypes, password, passwordNeverExpires);
    }

    private AccountState createAccount(String ouDn, String name, boolean computer, int encryptionTypes, char[] password,
            boolean neverExpires) {
        LdapWrite write = LdapWrite.createAccount(ouDn, name, computer, encryptionTypes, neverExpires);
        write(write, password, "creating account " + write.items().get(1).values().get(0) + " in " + ouDn);
        return readAccount(write.dn());
    }

    /**
     * Makes one write exactly as its value describes it (what the reviewer read as LDIF); {@code secret}
     * is the value of its secret attribute (the password), or null when it has none.
     */
    void write(LdapWrite write, char[] secret, String doing) {
        byte[] value = secret == null ? null : unicodePwd(secret);
        try {
            ldap.run("dc", ldap.connection().dcAddress(), "write-" + write.change().name().toLowerCase(Locale.ROOT), doing, () -> {
                switch (write.change()) {
                case ADD -> ldap.dc().bind(LdapUtils.newLdapName(write.dn()), null, write.attributes(value));
                case MODIFY -> ldap.dc().modifyAttributes(LdapUtils.newLdapName(write.dn()), write.modifications(value));
                case DELETE -> ldap.dc().unbind(LdapUtils.newLdapName(write.dn()));
                }
                return null;
            });
        } finally {
            if (value != null) {
                Arrays.fill(value, (byte) 0);
            }
        }
    }

    /** Sets a new password (unicodePwd over TLS); the directory bumps the key version. */
    void setPassword(String dn, char[] password) {
        write(LdapWrite.setPassword(dn), password, "resetting the password of " + dn);
    }

    void setEncryptionTypes(String dn, int encryptionTypes) {
        write(LdapWrite.setEncryptionTypes(dn, encryptionTypes), null, "setting the encryption types of " + dn);
    }

    public AccountState readAccount(String dn) {
        return lookups.readAccount(dn);
    }

    /** The account with this sAMAccountName in the forest (Global Catalog), if any. */
    public Optional<AccountState> findAccount(String samAccountName) {
        return lookups.findAccount(samAccountName);
    }

    /** Whether the account is protected from accidental deletion and the console may reset its password ({@link SpnLookups#safety}). */
    public AccountSafety safety(String dn) {
        return lookups.safety(dn);
    }

    void deleteAccount(String dn) {
        write(LdapWrite.delete(dn), null, "deleting " + dn);
    }

    /** The SD flags control asking for (and writing) the DACL only. */
    private static final byte[] DACL_ONLY = { 0x30, 0x03, 0x02, 0x01, 0x04 };

    /**
     * Protects the object from accidental deletion ({@link DeletionProtection}): reads the DACL of the
     * object, then of its container, and writes each back with its deny ACE first; an ACE in place is
     * left alone. Needs Write permissions (WRITE_DAC) on both, which their owners have.
     */
    void protect(DeletionProtection protection) {
        denyFirst(protection.dn(), DeletionProtection.MASK, "protecting " + protection.dn() + " from accidental deletion");
        denyFirst(protection.parentDn(), DeletionProtection.PARENT_MASK, "denying Delete child objects on " + protection.parentDn());
    }

    private void denyFirst(String dn, int mask, String doing) {
        ldap.run("dc", ldap.connection().dcAddress(), "write-modify", doing, () -> ldap.dc().executeReadWrite(ctx -> {
            javax.naming.ldap.LdapContext context = (javax.naming.ldap.LdapContext) ctx;
            context.setRequestControls(new javax.naming.ldap.Control[] {
                    new javax.naming.ldap.BasicControl("1.2.840.113556.1.4.801", true, DACL_ONLY) });
            try {
                byte[] raw = binary(context.getAttributes(LdapUtils.newLdapName(dn), new String[] { "nTSecurityDescriptor" }),
                        "nTSecurityDescriptor");
                if (raw == null) {
                    throw new DirectoryException("The directory did not return the security descriptor of " + dn + " to "
                            + ldap.connection().bindPrincipal() + ": give it Read permissions there.");
                }
                SecurityDescriptor now = SecurityDescriptor.parse(raw);
                if (mask == DeletionProtection.MASK ? now.protectedFromDeletion() : now.protectsChildren()) {
                    return null;
                }
                context.modifyAttributes(LdapUtils.newLdapName(dn), new ModificationItem[] { new ModificationItem(DirContext.REPLACE_ATTRIBUTE,
                        new BasicAttribute("nTSecurityDescriptor", SecurityDescriptor.withDenyFirst(raw, DeletionProtection.SID, mask))) });
                return null;
            } finally {
                context.setRequestControls(null);
            }
        }));
    }

    // --- SPNs ---------------------------------------------------------------------------------

    /** setspn -F -Q: every account in the forest that holds this SPN (compared without case). */
    public List<SpnOwner> whoHolds(String spn) {
        return lookups.whoHolds(spn);
    }

    /** setspn -L: the SPNs on one account, read from its DC (not the GC, which may lag). */
    public List<String> spnsOf(String dn) {
        return lookups.spnsOf(dn);
    }

    /** setspn -S: adds only when no other account in the forest holds it. */
    SpnChange addSpn(String dn, String spn) {
        SpnName name = new SpnName(spn);
        if (spnsOf(dn).stream().anyMatch(s -> s.equalsIgnoreCase(name.value()))) {
            return SpnChange.ALREADY_PRESENT;
        }
        List<SpnOwner> others = whoHolds(name.value()).stream().filter(o -> !sameDn(o.dn(), dn)).toList();
        if (!others.isEmpty()) {
            throw new SpnConflict(name.value(), others);
        }
        long began = System.nanoTime();
        String outcome = "failure";
        try {
            ldap.dc().modifyAttributes(LdapUtils.newLdapName(dn), LdapWrite.addSpn(dn, name.value()).modifications(null));
            outcome = "success";
        } catch (org.springframework.ldap.NamingException e) {
            if (allMessages(e).contains("would cause a conflict") || allMessages(e).contains("error code 19")) {
                // another DC's write won the race, or the GC had not caught up: name the holder as the DC sees it
                List<SpnOwner> holders = whoHolds(name.value()).stream().filter(o -> !sameDn(o.dn(), dn)).toList();
                throw new SpnConflict(name.value(), holders.isEmpty() ? List.of(new SpnOwner("another account", null)) : holders);
            }
            throw DirectoryErrors.explain(e, ldap.connection().dcAddress(), "adding SPN " + spn + " to " + dn);
        } finally {
            ldap.timed("dc", "write-modify", outcome, began);
        }
        return SpnChange.ADDED;
    }

    /** setspn -D. */
    SpnChange removeSpn(String dn, String spn) {
        List<String> current = spnsOf(dn);
        Optional<String> stored = current.stream().filter(s -> s.equalsIgnoreCase(spn)).findFirst();
        if (stored.isEmpty()) {
            return SpnChange.NOT_PRESENT;
        }
        // the value as the directory stores it (SPNs compare without case, the value to delete must match)
        write(LdapWrite.removeSpn(dn, stored.get()), null, "removing SPN " + spn + " from " + dn);
        return SpnChange.REMOVED;
    }

    /** Moves an SPN from a wrong account (e.g. a CAS computer account) to the ASA: remove, then add. */
    SpnMove moveSpn(String spn, String fromDn, String toDn) {
        SpnChange removed = removeSpn(fromDn, spn);
        try {
            SpnChange added = addSpn(toDn, spn);
            return new SpnMove(spn, fromDn, removed, toDn, added);
        } catch (DirectoryException e) {
            throw new DirectoryException("SPN " + spn + " was " + (removed == SpnChange.REMOVED ? "removed from " : "not on ")
                    + fromDn + ", but adding it to " + toDn + " failed: " + e.getMessage(), e);
        }
    }

    // --- helpers -----------------------------------------------------------------------------

    static String samAccountName(String name, boolean computer) {
        if (name == null || name.isBlank()) {
            throw new DirectoryException("The account needs a name.");
        }
        String bare = name.endsWith("$") ? name.substring(0, name.length() - 1) : name;
        if (!bare.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,14}")) {
            throw new DirectoryException("'" + name + "' can't be a sAMAccountName: use up to 15 letters, digits, '.', '_' "
                    + "or '-' (computer accounts get a trailing $).");
        }
        return computer ? bare + "$" : bare;
    }

    private static byte[] unicodePwd(char[] password) {
        char[] quoted = new char[password.length + 2];
        quoted[0] = '"';
        System.arraycopy(password, 0, quoted, 1, password.length);
        quoted[quoted.length - 1] = '"';
        byte[] bytes = StandardCharsets.UTF_16LE.encode(java.nio.CharBuffer.wrap(quoted)).array();
        Arrays.fill(quoted, '\0');
        // the encoder's buffer may be larger than the content
        return Arrays.copyOf(bytes, (password.length + 2) * 2);
    }

    private static boolean sameDn(String a, String b) {
        return LdapUtils.newLdapName(a).equals(LdapUtils.newLdapName(b));
    }

    private static String allMessages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append(' ');
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
