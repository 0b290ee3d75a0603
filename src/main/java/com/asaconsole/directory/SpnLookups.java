package com.asaconsole.directory;

import static com.asaconsole.directory.ForestLdap.binary;
import static com.asaconsole.directory.ForestLdap.integer;
import static com.asaconsole.directory.ForestLdap.string;
import static com.asaconsole.directory.ForestLdap.values;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.naming.NamingEnumeration;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;

import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.query.LdapQuery;
import org.springframework.ldap.query.LdapQueryBuilder;
import org.springframework.ldap.support.LdapEncoder;
import org.springframework.ldap.support.LdapUtils;

/**
 * Who holds an SPN and what an account is, read from the forest: setspn's -Q, -L and the host search, the ASA
 * account's state and whether it is safe. Read-only; {@code helpdesk}, {@code health}, {@code planning} and
 * {@code rotation} get it from {@link DirectoryGateway#spnLookups}, {@code deployment} through {@link ForestDirectory}.
 */
public final class SpnLookups {

    private static final String[] ACCOUNT_ATTRIBUTES = { "sAMAccountName", "objectClass", "userAccountControl",
            "msDS-SupportedEncryptionTypes", "msDS-KeyVersionNumber", "pwdLastSet", "servicePrincipalName" };
    private static final int UF_ACCOUNTDISABLE = 0x2;
    private static final int UF_DONT_EXPIRE_PASSWD = LdapWrite.UF_DONT_EXPIRE_PASSWD;

    private final ForestLdap ldap;
    private final DirectoryPeople people;

    SpnLookups(ForestLdap ldap, DirectoryPeople people) {
        this.ldap = ldap;
        this.people = people;
    }

    public DirectoryConnection connection() {
        return ldap.connection();
    }

    public AccountState readAccount(String dn) {
        return ldap.onDc("reading " + dn, () -> ldap.dc().lookup(LdapUtils.newLdapName(dn), ACCOUNT_ATTRIBUTES,
                (AttributesMapper<AccountState>) a -> account(dn, a)));
    }

    /** The account with this sAMAccountName in the forest (Global Catalog), if any. */
    public Optional<AccountState> findAccount(String samAccountName) {
        List<String> dns = ldap.onGc("looking up account " + samAccountName, () -> ldap.gc().search(LdapQueryBuilder.query().base("")
                .attributes("sAMAccountName").where("sAMAccountName").is(samAccountName),
                (org.springframework.ldap.core.ContextMapper<String>) ctx ->
                        ((org.springframework.ldap.core.DirContextAdapter) ctx).getNameInNamespace()));
        return dns.stream().findFirst().map(this::readAccount);
    }

    /** The SD flags control asking for owner, group and DACL only: readable without the right to read the SACL. */
    private static final byte[] OWNER_GROUP_DACL = { 0x30, 0x03, 0x02, 0x01, 0x07 };

    /**
     * Whether the account is protected from accidental deletion, its description, and whether the
     * console's own bind account may reset its password (its SID and every group in its token
     * against the account's DACL). Read-only.
     */
    public AccountSafety safety(String dn) {
        DirectoryUser bind = people.findUser(ldap.connection().bindPrincipal()).orElseThrow(() -> new DirectoryException(
                "The console's directory account " + ldap.connection().bindPrincipal() + " could not be read, so its rights on " + dn
                        + " can't be checked."));
        return ldap.onDc("reading the security descriptor of " + dn, () -> ldap.dc().executeReadOnly(ctx -> {
            javax.naming.ldap.LdapContext context = (javax.naming.ldap.LdapContext) ctx;
            context.setRequestControls(new javax.naming.ldap.Control[] {
                    new javax.naming.ldap.BasicControl("1.2.840.113556.1.4.801", true, OWNER_GROUP_DACL) });
            Attributes a = context.getAttributes(LdapUtils.newLdapName(dn), new String[] { "nTSecurityDescriptor", "description" });
            context.setRequestControls(null);
            java.util.Set<String> token = new java.util.HashSet<>(List.of(SecurityDescriptor.EVERYONE, SecurityDescriptor.AUTHENTICATED_USERS,
                    bind.objectSid()));
            Attribute groups = context.getAttributes(LdapUtils.newLdapName(bind.dn()), new String[] { "tokenGroups" }).get("tokenGroups");
            if (groups != null) {
                NamingEnumeration<?> values = groups.getAll();
                while (values.hasMore()) {
                    token.add(BinaryIds.sid((byte[]) values.next()));
                }
            }
            byte[] raw = binary(a, "nTSecurityDescriptor");
            if (raw == null) {
                throw new DirectoryException("The directory did not return the security descriptor of " + dn
                        + " to " + ldap.connection().bindPrincipal() + ": give it Read permissions on the account.");
            }
            SecurityDescriptor sd = SecurityDescriptor.parse(raw);
            // the container's DACL too: whoever may delete its children deletes the object, whatever the object's DACL says
            context.setRequestControls(new javax.naming.ldap.Control[] {
                    new javax.naming.ldap.BasicControl("1.2.840.113556.1.4.801", true, OWNER_GROUP_DACL) });
            byte[] parentRaw = binary(context.getAttributes(LdapUtils.newLdapName(new DeletionProtection(dn).parentDn()),
                    new String[] { "nTSecurityDescriptor" }), "nTSecurityDescriptor");
            context.setRequestControls(null);
            boolean parentProtects = parentRaw != null && SecurityDescriptor.parse(parentRaw).protectsChildren();
            return new AccountSafety(sd.protectedFromDeletion() && parentProtects, string(a, "description"), ldap.connection().bindPrincipal(),
                    sd.mayResetPassword(token));
        }));
    }

    /** setspn -F -Q: every account in the forest that holds this SPN (compared without case). */
    public List<SpnOwner> whoHolds(String spn) {
        LdapQuery query = LdapQueryBuilder.query().base("").attributes("sAMAccountName")
                .where("servicePrincipalName").is(spn);
        return ldap.onGc("looking up SPN " + spn + " in the forest", () -> ldap.gc().search(query,
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
        ldap.onGc("looking up the SPNs of host " + host, () -> {
            ldap.gc().search(LdapQueryBuilder.query().base("").attributes("servicePrincipalName", "sAMAccountName")
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
}
