package com.asaconsole.directory;

import static com.asaconsole.directory.ForestLdap.binary;
import static com.asaconsole.directory.ForestLdap.integer;
import static com.asaconsole.directory.ForestLdap.string;

import java.util.List;
import java.util.Optional;

import javax.naming.directory.Attributes;

import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.query.LdapQuery;
import org.springframework.ldap.query.LdapQueryBuilder;
import org.springframework.ldap.support.LdapEncoder;
import org.springframework.ldap.support.LdapUtils;

/**
 * The people of a forest who sign in to the console: their own password checked by a bind, and who they are
 * (groups, nested ones included) read with the console's bind account. Read-only; {@code identity} gets it from
 * {@link DirectoryGateway#people}.
 */
public final class DirectoryPeople {

    private static final int UF_ACCOUNTDISABLE = 0x2;

    private static final String[] USER_ATTRIBUTES = { "sAMAccountName", "userPrincipalName", "displayName", "objectSid",
            "objectGUID", "userAccountControl" };

    private final ForestLdap ldap;

    DirectoryPeople(ForestLdap ldap) {
        this.ldap = ldap;
    }

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
        String bindName = account + "@" + ldap.connection().forest();
        if (username.contains("@")) {
            bindName = username.trim();
        }
        TrustedContextSource asUser = new TrustedContextSource(ldap.connection(), ldap.connection().ldapsUrl(), "", bindName, password);
        try {
            LdapUtils.closeContext(asUser.getContext(bindName, new String(password)));
        } catch (org.springframework.ldap.AuthenticationException e) {
            throw new WrongCredentials();
        } catch (org.springframework.ldap.NamingException e) {
            throw DirectoryErrors.explain(e, ldap.connection().dcAddress(), "checking the password of " + username);
        }
        return findUser(username).orElseThrow(() -> new DirectoryException(
                "The directory accepted the password of " + username + " but its account could not be read."));
    }

    /** A person by UPN, DOMAIN\\user, user@REALM (a Kerberos principal) or sAMAccountName, read with the bind account. */
    public Optional<DirectoryUser> findUser(String username) {
        String account = accountPart(username);
        LdapQuery query = LdapQueryBuilder.query().base(ldap.connection().baseDn()).attributes(USER_ATTRIBUTES)
                .where("objectClass").is("user").and(LdapQueryBuilder.query().where("sAMAccountName").is(account)
                        .or("userPrincipalName").is(username.trim()));
        return ldap.onDc("looking up " + username, () -> ldap.dc().search(query, (org.springframework.ldap.core.ContextMapper<String>) ctx ->
                ((org.springframework.ldap.core.DirContextAdapter) ctx).getNameInNamespace()).stream().findFirst().map(this::readUser));
    }

    /** A person by objectGUID: finds them after a rename, and tells whether they are still enabled. */
    public Optional<DirectoryUser> findUserByGuid(String guid) {
        byte[] bytes = BinaryIds.guidBytes(java.util.UUID.fromString(guid));
        StringBuilder escaped = new StringBuilder();
        for (byte b : bytes) {
            escaped.append(String.format("\\%02x", b & 0xFF));
        }
        String filter = "(&(objectClass=user)(objectGUID=" + escaped + "))";
        return ldap.onDc("looking up account " + guid, () -> ldap.dc().search(LdapQueryBuilder.query().base(ldap.connection().baseDn())
                .attributes("sAMAccountName").filter(filter), (org.springframework.ldap.core.ContextMapper<String>) ctx ->
                        ((org.springframework.ldap.core.DirContextAdapter) ctx).getNameInNamespace())
                .stream().findFirst().map(this::readUser));
    }

    private DirectoryUser readUser(String dn) {
        return ldap.onDc("reading " + dn, () -> {
            Attributes a = ldap.dc().lookup(LdapUtils.newLdapName(dn), USER_ATTRIBUTES, (AttributesMapper<Attributes>) x -> x);
            List<String[]> groups = ldap.dc().search(LdapQueryBuilder.query().base(ldap.connection().baseDn()).attributes("sAMAccountName")
                    .filter("(&(objectClass=group)(member:1.2.840.113556.1.4.1941:=" + LdapEncoder.filterEncode(dn) + "))"),
                    (org.springframework.ldap.core.ContextMapper<String[]>) ctx -> {
                        var adapter = (org.springframework.ldap.core.DirContextAdapter) ctx;
                        return new String[] { adapter.getStringAttribute("sAMAccountName"), adapter.getNameInNamespace() };
                    });
            int uac = integer(a, "userAccountControl", 0);
            return new DirectoryUser(dn, string(a, "sAMAccountName"), string(a, "userPrincipalName"), string(a, "displayName"),
                    BinaryIds.sid(binary(a, "objectSid")), BinaryIds.guid(binary(a, "objectGUID")), (uac & UF_ACCOUNTDISABLE) == 0,
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
}
