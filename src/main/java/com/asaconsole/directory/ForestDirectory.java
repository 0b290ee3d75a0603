package com.asaconsole.directory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.ModificationItem;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.LdapName;

import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.core.support.DefaultIncrementalAttributesMapper;
import org.springframework.ldap.query.LdapQuery;
import org.springframework.ldap.query.LdapQueryBuilder;
import org.springframework.ldap.query.SearchScope;
import org.springframework.ldap.support.LdapEncoder;
import org.springframework.ldap.support.LdapNameBuilder;
import org.springframework.ldap.support.LdapUtils;

/**
 * One forest's Active Directory, as the console uses it: the ASA account, SPNs with setspn's
 * semantics (-F -Q, -L, -S, -D) and the forest-wide SPN inventory. Every filter value and DN
 * component is escaped; every failure becomes a {@link DirectoryException} sentence.
 */
public final class ForestDirectory {

    private static final String[] ACCOUNT_ATTRIBUTES = { "sAMAccountName", "objectClass", "userAccountControl",
            "msDS-SupportedEncryptionTypes", "msDS-KeyVersionNumber", "pwdLastSet", "servicePrincipalName" };
    private static final int UF_ACCOUNTDISABLE = 0x2;
    private static final int UF_DONT_EXPIRE_PASSWD = LdapWrite.UF_DONT_EXPIRE_PASSWD;
    static final int PAGE_SIZE = 1000;

    private final DirectoryConnection connection;
    private final LdapTemplate dc;
    private final LdapTemplate gc;
    private final io.micrometer.core.instrument.MeterRegistry metrics;

    ForestDirectory(DirectoryConnection connection, io.micrometer.core.instrument.MeterRegistry metrics) {
        this.connection = connection;
        this.metrics = metrics;
        this.dc = template(new TrustedContextSource(connection, connection.ldapsUrl(), ""));
        this.gc = template(new TrustedContextSource(connection, connection.globalCatalogUrl(), ""));
    }

    public DirectoryConnection connection() {
        return connection;
    }

    // --- discovery ---------------------------------------------------------------------------

    public ForestFacts discover() {
        return onDc("reading the forest's configuration", () -> {
            Attributes root = dc.lookup("", new String[] { "dnsHostName", "defaultNamingContext",
                    "rootDomainNamingContext", "configurationNamingContext" }, (AttributesMapper<Attributes>) a -> a);
            String config = string(root, "configurationNamingContext");
            List<ForestFacts.Domain> domains = dc.search(LdapQueryBuilder.query().base("CN=Partitions," + config)
                    .where("objectClass").is("crossRef").and("systemFlags").isPresent().and("nETBIOSName").isPresent(),
                    (AttributesMapper<ForestFacts.Domain>) a -> new ForestFacts.Domain(string(a, "dnsRoot"),
                            string(a, "nETBIOSName"), string(a, "nCName")));
            List<String> sites = dc.search(LdapQueryBuilder.query().base("CN=Sites," + config).searchScope(SearchScope.ONELEVEL)
                    .where("objectClass").is("site"), (AttributesMapper<String>) a -> string(a, "cn"));
            List<ForestFacts.DomainController> dcs = dc.search(LdapQueryBuilder.query().base("CN=Sites," + config)
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
            run("dc", connection.dcAddress(), "write-" + write.change().name().toLowerCase(Locale.ROOT), doing, () -> {
                switch (write.change()) {
                case ADD -> dc.bind(LdapUtils.newLdapName(write.dn()), null, write.attributes(value));
                case MODIFY -> dc.modifyAttributes(LdapUtils.newLdapName(write.dn()), write.modifications(value));
                case DELETE -> dc.unbind(LdapUtils.newLdapName(write.dn()));
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
        return onDc("reading " + dn, () -> dc.lookup(LdapUtils.newLdapName(dn), ACCOUNT_ATTRIBUTES,
                (AttributesMapper<AccountState>) a -> account(dn, a)));
    }

    /** The account with this sAMAccountName in the forest (Global Catalog), if any. */
    public Optional<AccountState> findAccount(String samAccountName) {
        List<String> dns = onGc("looking up account " + samAccountName, () -> gc.search(LdapQueryBuilder.query().base("")
                .attributes("sAMAccountName").where("sAMAccountName").is(samAccountName),
                (org.springframework.ldap.core.ContextMapper<String>) ctx ->
                        ((org.springframework.ldap.core.DirContextAdapter) ctx).getNameInNamespace()));
        return dns.stream().findFirst().map(this::readAccount);
    }

    void deleteAccount(String dn) {
        write(LdapWrite.delete(dn), null, "deleting " + dn);
    }

    /** The SD flags control asking for owner, group and DACL only: readable without the right to read the SACL. */
    private static final byte[] OWNER_GROUP_DACL = { 0x30, 0x03, 0x02, 0x01, 0x07 };

    /**
     * Whether the account is protected from accidental deletion, its description, and whether the
     * console's own bind account may reset its password (its SID and every group in its token
     * against the account's DACL). Read-only.
     */
    public AccountSafety safety(String dn) {
        DirectoryUser bind = findUser(connection.bindPrincipal()).orElseThrow(() -> new DirectoryException(
                "The console's directory account " + connection.bindPrincipal() + " could not be read, so its rights on " + dn
                        + " can't be checked."));
        return onDc("reading the security descriptor of " + dn, () -> dc.executeReadOnly(ctx -> {
            javax.naming.ldap.LdapContext ldap = (javax.naming.ldap.LdapContext) ctx;
            ldap.setRequestControls(new javax.naming.ldap.Control[] {
                    new javax.naming.ldap.BasicControl("1.2.840.113556.1.4.801", true, OWNER_GROUP_DACL) });
            Attributes a = ldap.getAttributes(LdapUtils.newLdapName(dn), new String[] { "nTSecurityDescriptor", "description" });
            ldap.setRequestControls(null);
            java.util.Set<String> token = new java.util.HashSet<>(List.of(SecurityDescriptor.EVERYONE, SecurityDescriptor.AUTHENTICATED_USERS,
                    bind.objectSid()));
            Attribute groups = ldap.getAttributes(LdapUtils.newLdapName(bind.dn()), new String[] { "tokenGroups" }).get("tokenGroups");
            if (groups != null) {
                NamingEnumeration<?> values = groups.getAll();
                while (values.hasMore()) {
                    token.add(sid((byte[]) values.next()));
                }
            }
            byte[] raw = binary(a, "nTSecurityDescriptor");
            if (raw == null) {
                throw new DirectoryException("The directory did not return the security descriptor of " + dn
                        + " to " + connection.bindPrincipal() + ": give it Read permissions on the account.");
            }
            SecurityDescriptor sd = SecurityDescriptor.parse(raw);
            // the container's DACL too: whoever may delete its children deletes the object, whatever the object's DACL says
            ldap.setRequestControls(new javax.naming.ldap.Control[] {
                    new javax.naming.ldap.BasicControl("1.2.840.113556.1.4.801", true, OWNER_GROUP_DACL) });
            byte[] parentRaw = binary(ldap.getAttributes(LdapUtils.newLdapName(new DeletionProtection(dn).parentDn()),
                    new String[] { "nTSecurityDescriptor" }), "nTSecurityDescriptor");
            ldap.setRequestControls(null);
            boolean parentProtects = parentRaw != null && SecurityDescriptor.parse(parentRaw).protectsChildren();
            return new AccountSafety(sd.protectedFromDeletion() && parentProtects, string(a, "description"), connection.bindPrincipal(),
                    sd.mayResetPassword(token));
        }));
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
        run("dc", connection.dcAddress(), "write-modify", doing, () -> dc.executeReadWrite(ctx -> {
            javax.naming.ldap.LdapContext ldap = (javax.naming.ldap.LdapContext) ctx;
            ldap.setRequestControls(new javax.naming.ldap.Control[] {
                    new javax.naming.ldap.BasicControl("1.2.840.113556.1.4.801", true, DACL_ONLY) });
            try {
                byte[] raw = binary(ldap.getAttributes(LdapUtils.newLdapName(dn), new String[] { "nTSecurityDescriptor" }),
                        "nTSecurityDescriptor");
                if (raw == null) {
                    throw new DirectoryException("The directory did not return the security descriptor of " + dn + " to "
                            + connection.bindPrincipal() + ": give it Read permissions there.");
                }
                SecurityDescriptor now = SecurityDescriptor.parse(raw);
                if (mask == DeletionProtection.MASK ? now.protectedFromDeletion() : now.protectsChildren()) {
                    return null;
                }
                ldap.modifyAttributes(LdapUtils.newLdapName(dn), new ModificationItem[] { new ModificationItem(DirContext.REPLACE_ATTRIBUTE,
                        new BasicAttribute("nTSecurityDescriptor", SecurityDescriptor.withDenyFirst(raw, DeletionProtection.SID, mask))) });
                return null;
            } finally {
                ldap.setRequestControls(null);
            }
        }));
    }

    // --- SPNs ---------------------------------------------------------------------------------

    /** setspn -F -Q: every account in the forest that holds this SPN (compared without case). */
    public List<SpnOwner> whoHolds(String spn) {
        LdapQuery query = LdapQueryBuilder.query().base("").attributes("sAMAccountName")
                .where("servicePrincipalName").is(spn);
        return onGc("looking up SPN " + spn + " in the forest", () -> gc.search(query,
                (org.springframework.ldap.core.ContextMapper<SpnOwner>) ctx -> {
                    var adapter = (org.springframework.ldap.core.DirContextAdapter) ctx;
                    return new SpnOwner(adapter.getNameInNamespace(), adapter.getStringAttribute("sAMAccountName"));
                }));
    }

    /** Every SPN in the forest whose host part is this host (any service class, port or name). */
    public List<SpnEntry> spnsForHost(String host) {
        String h = LdapEncoder.filterEncode(host);
        String filter = "(|(servicePrincipalName=*/" + h + ")(servicePrincipalName=*/" + h + ":*)(servicePrincipalName=*/" + h + "/*))";
        List<SpnEntry> entries = new ArrayList<>();
        onGc("looking up the SPNs of host " + host, () -> {
            gc.search(LdapQueryBuilder.query().base("").attributes("servicePrincipalName", "sAMAccountName")
                    .filter(filter), (org.springframework.ldap.core.ContextMapper<Void>) ctx -> {
                        var adapter = (org.springframework.ldap.core.DirContextAdapter) ctx;
                        String[] spns = adapter.getStringAttributes("servicePrincipalName");
                        for (String spn : spns == null ? new String[0] : spns) {
                            String rest = spn.substring(spn.indexOf('/') + 1).toLowerCase(Locale.ROOT);
                            String target = host.toLowerCase(Locale.ROOT);
                            if (rest.equals(target) || rest.startsWith(target + ":") || rest.startsWith(target + "/")) {
                                entries.add(new SpnEntry(spn, adapter.getNameInNamespace(), adapter.getStringAttribute("sAMAccountName")));
                            }
                        }
                        return null;
                    });
            return null;
        });
        return entries;
    }

    /** setspn -L: the SPNs on one account, read from its DC (not the GC, which may lag). */
    public List<String> spnsOf(String dn) {
        return readAccount(dn).spns();
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
            dc.modifyAttributes(LdapUtils.newLdapName(dn), LdapWrite.addSpn(dn, name.value()).modifications(null));
            outcome = "success";
        } catch (org.springframework.ldap.NamingException e) {
            if (allMessages(e).contains("would cause a conflict") || allMessages(e).contains("error code 19")) {
                // another DC's write won the race, or the GC had not caught up: name the holder as the DC sees it
                List<SpnOwner> holders = whoHolds(name.value()).stream().filter(o -> !sameDn(o.dn(), dn)).toList();
                throw new SpnConflict(name.value(), holders.isEmpty() ? List.of(new SpnOwner("another account", null)) : holders);
            }
            throw DirectoryErrors.explain(e, connection.dcAddress(), "adding SPN " + spn + " to " + dn);
        } finally {
            timed("dc", "write-modify", outcome, began);
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

    // --- people signing in --------------------------------------------------------------------

    private static final String[] USER_ATTRIBUTES = { "sAMAccountName", "userPrincipalName", "displayName", "objectSid",
            "objectGUID", "userAccountControl" };

    /**
     * Checks a person's own password with a simple bind over LDAPS (UPN, DOMAIN\\user or a bare
     * user name, which is taken to be in this forest's domain) and reads who they are.
     *
     * @throws WrongCredentials when the directory refuses the name or password
     */
    public DirectoryUser authenticate(String username, char[] password) {
        if (username == null || username.isBlank() || password == null || password.length == 0) {
            throw new WrongCredentials();
        }
        String account = accountPart(username);
        String bindName = account + "@" + connection.forest();
        if (username.contains("@")) {
            bindName = username.trim();
        }
        TrustedContextSource asUser = new TrustedContextSource(connection, connection.ldapsUrl(), "", bindName, password);
        try {
            LdapUtils.closeContext(asUser.getContext(bindName, new String(password)));
        } catch (org.springframework.ldap.AuthenticationException e) {
            throw new WrongCredentials();
        } catch (org.springframework.ldap.NamingException e) {
            throw DirectoryErrors.explain(e, connection.dcAddress(), "checking the password of " + username);
        }
        return findUser(username).orElseThrow(() -> new DirectoryException(
                "The directory accepted the password of " + username + " but its account could not be read."));
    }

    /** A person by UPN, DOMAIN\\user, user@REALM (a Kerberos principal) or sAMAccountName, read with the bind account. */
    public Optional<DirectoryUser> findUser(String username) {
        String account = accountPart(username);
        LdapQuery query = LdapQueryBuilder.query().base(connection.baseDn()).attributes(USER_ATTRIBUTES)
                .where("objectClass").is("user").and(LdapQueryBuilder.query().where("sAMAccountName").is(account)
                        .or("userPrincipalName").is(username.trim()));
        return onDc("looking up " + username, () -> dc.search(query, (org.springframework.ldap.core.ContextMapper<String>) ctx ->
                ((org.springframework.ldap.core.DirContextAdapter) ctx).getNameInNamespace()).stream().findFirst().map(this::readUser));
    }

    /** A person by objectGUID: finds them after a rename, and tells whether they are still enabled. */
    public Optional<DirectoryUser> findUserByGuid(String guid) {
        byte[] bytes = guidBytes(java.util.UUID.fromString(guid));
        StringBuilder escaped = new StringBuilder();
        for (byte b : bytes) {
            escaped.append(String.format("\\%02x", b & 0xFF));
        }
        String filter = "(&(objectClass=user)(objectGUID=" + escaped + "))";
        return onDc("looking up account " + guid, () -> dc.search(LdapQueryBuilder.query().base(connection.baseDn())
                .attributes("sAMAccountName").filter(filter), (org.springframework.ldap.core.ContextMapper<String>) ctx ->
                        ((org.springframework.ldap.core.DirContextAdapter) ctx).getNameInNamespace())
                .stream().findFirst().map(this::readUser));
    }

    private DirectoryUser readUser(String dn) {
        return onDc("reading " + dn, () -> {
            Attributes a = dc.lookup(LdapUtils.newLdapName(dn), USER_ATTRIBUTES, (AttributesMapper<Attributes>) x -> x);
            List<String[]> groups = dc.search(LdapQueryBuilder.query().base(connection.baseDn()).attributes("sAMAccountName")
                    .filter("(&(objectClass=group)(member:1.2.840.113556.1.4.1941:=" + LdapEncoder.filterEncode(dn) + "))"),
                    (org.springframework.ldap.core.ContextMapper<String[]>) ctx -> {
                        var adapter = (org.springframework.ldap.core.DirContextAdapter) ctx;
                        return new String[] { adapter.getStringAttribute("sAMAccountName"), adapter.getNameInNamespace() };
                    });
            int uac = integer(a, "userAccountControl", 0);
            return new DirectoryUser(dn, string(a, "sAMAccountName"), string(a, "userPrincipalName"), string(a, "displayName"),
                    sid(binary(a, "objectSid")), guid(binary(a, "objectGUID")), (uac & UF_ACCOUNTDISABLE) == 0,
                    groups.stream().map(g -> g[0]).toList(), groups.stream().map(g -> g[1]).toList());
        });
    }

    private static String accountPart(String username) {
        String u = username.trim();
        int slash = u.indexOf('\\');
        if (slash >= 0) {
            return u.substring(slash + 1);
        }
        int at = u.indexOf('@');
        return at >= 0 ? u.substring(0, at) : u;
    }

    private static byte[] binary(Attributes a, String id) {
        try {
            Attribute attr = a.get(id);
            return attr == null ? null : (byte[]) attr.get();
        } catch (NamingException e) {
            throw LdapUtils.convertLdapException(e);
        }
    }

    /** S-1-5-21-… from the binary objectSid. */
    static String sid(byte[] b) {
        if (b == null || b.length < 8) {
            return null;
        }
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = (authority << 8) | (b[i] & 0xFF);
        }
        StringBuilder sb = new StringBuilder("S-").append(b[0] & 0xFF).append('-').append(authority);
        for (int i = 0; i < (b[1] & 0xFF); i++) {
            int o = 8 + 4 * i;
            long sub = (b[o] & 0xFFL) | (b[o + 1] & 0xFFL) << 8 | (b[o + 2] & 0xFFL) << 16 | (b[o + 3] & 0xFFL) << 24;
            sb.append('-').append(sub);
        }
        return sb.toString();
    }

    /** objectGUID bytes (first three fields little-endian) as the usual text form. */
    static String guid(byte[] b) {
        if (b == null || b.length != 16) {
            return null;
        }
        byte[] be = guidBytes(b);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(be);
        return new java.util.UUID(buf.getLong(), buf.getLong()).toString();
    }

    private static byte[] guidBytes(java.util.UUID uuid) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
        return guidBytes(buf.array());
    }

    /** Swaps between AD's mixed-endian GUID layout and the big-endian one (the swap is its own inverse). */
    private static byte[] guidBytes(byte[] b) {
        return new byte[] { b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15] };
    }

    // --- inventory ---------------------------------------------------------------------------

    /** One SPN value on one account, as the forest-wide scan reads it. */
    public record SpnEntry(String spn, String accountDn, String samAccountName) {
    }

    /** Receives the scan's entries as they stream in. */
    public interface SpnSink {
        void accept(SpnEntry entry);
    }

    /**
     * setspn -X -F done right: one paged Global Catalog search of (servicePrincipalName=*) asking
     * only for the attributes it needs, each entry handed on as it arrives (nothing is collected
     * here), large multi-valued attributes fetched by range. Returns the number of accounts.
     */
    public long scanSpns(SpnSink sink, BooleanSupplier cancelled) {
        return onGc("scanning the forest's SPNs", () -> {
            DirContext ctx = gc.getContextSource().getReadOnlyContext();
            long accounts = 0;
            try {
                javax.naming.ldap.LdapContext ldap = (javax.naming.ldap.LdapContext) ctx;
                SearchControls controls = new SearchControls();
                controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
                controls.setReturningAttributes(new String[] { "servicePrincipalName", "sAMAccountName" });
                byte[] cookie = null;
                do {
                    ldap.setRequestControls(new javax.naming.ldap.Control[] {
                            new javax.naming.ldap.PagedResultsControl(PAGE_SIZE, cookie, javax.naming.ldap.Control.CRITICAL) });
                    NamingEnumeration<SearchResult> results = ldap.search("", "(servicePrincipalName=*)", controls);
                    try {
                        while (results.hasMore()) {
                            if (cancelled.getAsBoolean()) {
                                throw new ScanCancelled();
                            }
                            SearchResult r = results.next();
                            accounts++;
                            emit(r, sink);
                        }
                    } finally {
                        results.close();
                    }
                    cookie = null;
                    javax.naming.ldap.Control[] response = ldap.getResponseControls();
                    if (response != null) {
                        for (javax.naming.ldap.Control c : response) {
                            if (c instanceof javax.naming.ldap.PagedResultsResponseControl paged) {
                                cookie = paged.getCookie();
                            }
                        }
                    }
                } while (cookie != null && cookie.length > 0);
                return accounts;
            } catch (NamingException e) {
                throw LdapUtils.convertLdapException(e);
            } catch (java.io.IOException e) {
                throw new DirectoryException("The paged search control could not be encoded: " + e.getMessage(), e);
            } finally {
                LdapUtils.closeContext(ctx);
            }
        });
    }

    void emit(SearchResult r, SpnSink sink) throws NamingException {
        String dn = r.getNameInNamespace();
        Attributes attrs = r.getAttributes();
        String sam = string(attrs, "sAMAccountName");
        boolean ranged = false;
        NamingEnumeration<? extends Attribute> all = attrs.getAll();
        while (all.hasMore()) {
            Attribute a = all.next();
            String id = a.getID().toLowerCase(Locale.ROOT);
            if (id.startsWith("serviceprincipalname;range=")) {
                ranged = true;
            } else if (id.equals("serviceprincipalname")) {
                NamingEnumeration<?> values = a.getAll();
                while (values.hasMore()) {
                    sink.accept(new SpnEntry(values.next().toString(), dn, sam));
                }
            }
        }
        if (ranged) {
            // AD hands out at most 1,500 values at once; fetch them all by range
            for (Object value : DefaultIncrementalAttributesMapper.lookupAttributeValues(gc, LdapUtils.newLdapName(dn),
                    "servicePrincipalName")) {
                sink.accept(new SpnEntry(value.toString(), dn, sam));
            }
        }
    }

    /** Thrown inside a scan when it is cancelled. */
    public static final class ScanCancelled extends RuntimeException {
        ScanCancelled() {
            super("The scan was cancelled.");
        }
    }

    // --- helpers -----------------------------------------------------------------------------

    private <T> T onDc(String doing, java.util.function.Supplier<T> call) {
        return run("dc", connection.dcAddress(), doing.split(" ", 2)[0], doing, call);
    }

    private <T> T onGc(String doing, java.util.function.Supplier<T> call) {
        return run("gc", connection.gcAddress(), doing.split(" ", 2)[0], doing, call);
    }

    /** {@code operation}: what kind of operation, from the code (never a DN or a name), so that the metric's tags stay bounded. */
    private <T> T run(String server, String address, String operation, String doing, java.util.function.Supplier<T> call) {
        long began = System.nanoTime();
        String outcome = "failure";
        try {
            T result = call.get();
            outcome = "success";
            return result;
        } catch (DirectoryException | ScanCancelled e) {
            throw e;
        } catch (org.springframework.ldap.NamingException | IllegalArgumentException e) {
            throw DirectoryErrors.explain(e, address, doing);
        } finally {
            timed(server, operation, outcome, began);
        }
    }

    private void timed(String server, String operation, String outcome, long began) {
        io.micrometer.core.instrument.Timer.builder("asa.ldap.operations").description("LDAP operations by server, kind and outcome")
                .tag("server", server).tag("operation", operation).tag("outcome", outcome).register(metrics)
                .record(System.nanoTime() - began, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static AccountState account(String dn, Attributes a) {
        int uac = integer(a, "userAccountControl", 0);
        boolean computer = values(a, "objectClass").stream().anyMatch(c -> c.equalsIgnoreCase("computer"));
        String pwdLastSet = string(a, "pwdLastSet");
        Instant lastSet = pwdLastSet == null || "0".equals(pwdLastSet) ? null : fileTime(Long.parseLong(pwdLastSet));
        Integer enc = a.get("msDS-SupportedEncryptionTypes") == null ? null : integer(a, "msDS-SupportedEncryptionTypes", 0);
        Integer kvno = a.get("msDS-KeyVersionNumber") == null ? null : integer(a, "msDS-KeyVersionNumber", 0);
        return new AccountState(dn, string(a, "sAMAccountName"), computer, (uac & UF_ACCOUNTDISABLE) == 0,
                (uac & UF_DONT_EXPIRE_PASSWD) != 0, enc, kvno, lastSet, values(a, "servicePrincipalName"));
    }

    private static Instant fileTime(long ticks) {
        // 100 ns intervals since 1601-01-01
        return Instant.ofEpochSecond(ticks / 10_000_000L - 11_644_473_600L, (ticks % 10_000_000L) * 100);
    }

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

    private static String string(Attributes a, String id) {
        try {
            Attribute attr = a.get(id);
            return attr == null || attr.get() == null ? null : attr.get().toString();
        } catch (NamingException e) {
            throw LdapUtils.convertLdapException(e);
        }
    }

    private static int integer(Attributes a, String id, int fallback) {
        String s = string(a, id);
        return s == null ? fallback : Integer.parseInt(s.trim());
    }

    private static List<String> values(Attributes a, String id) {
        Attribute attr = a.get(id);
        List<String> list = new ArrayList<>();
        if (attr != null) {
            try {
                NamingEnumeration<?> e = attr.getAll();
                while (e.hasMore()) {
                    list.add(e.next().toString());
                }
            } catch (NamingException e) {
                throw LdapUtils.convertLdapException(e);
            }
        }
        return list;
    }

    private static String allMessages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append(' ');
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static LdapTemplate template(TrustedContextSource source) {
        LdapTemplate template = new LdapTemplate(source);
        template.setIgnorePartialResultException(true);
        return template;
    }
}
