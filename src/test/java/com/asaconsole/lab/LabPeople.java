package com.asaconsole.lab;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.naming.directory.BasicAttribute;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.ModificationItem;

import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.core.support.LdapContextSource;

/** People and groups in the lab directory, as a domain admin would create them. */
public final class LabPeople {

    private final SambaDc dc;
    private final LdapTemplate ldap;

    public LabPeople(SambaDc dc) {
        this.dc = dc;
        LdapContextSource source = new LdapContextSource();
        source.setUrl(dc.ldapsUrl());
        source.setUserDn(dc.adminUpn());
        source.setPassword(dc.adminPassword());
        source.setPooled(false);
        source.setBaseEnvironmentProperties(Map.of("java.naming.ldap.factory.socket", LabTlsSocketFactory.class.getName()));
        source.afterPropertiesSet();
        this.ldap = new LdapTemplate(source);
    }

    /** An enabled user in CN=Users with this password; returns its DN. */
    public String user(String sam, String displayName, String password) {
        String dn = "CN=" + sam + ",CN=Users," + SambaDc.BASE_DN;
        BasicAttributes attrs = new BasicAttributes(true);
        attrs.put("objectClass", "user");
        attrs.put("sAMAccountName", sam);
        attrs.put("userPrincipalName", sam + "@" + SambaDc.DNS_DOMAIN);
        attrs.put("displayName", displayName);
        attrs.put("userAccountControl", "512");
        attrs.put("unicodePwd", ("\"" + password + "\"").getBytes(StandardCharsets.UTF_16LE));
        ldap.bind(dn, null, attrs);
        return dn;
    }

    /** A user holding an SPN, with AES keys: what the console's own HTTP service account is. */
    public String serviceAccount(String sam, String spn, String password) {
        String dn = user(sam, sam, password);
        ldap.modifyAttributes(dn, new ModificationItem[] {
                new ModificationItem(DirContext.ADD_ATTRIBUTE, new BasicAttribute("servicePrincipalName", spn)),
                new ModificationItem(DirContext.REPLACE_ATTRIBUTE, new BasicAttribute("msDS-SupportedEncryptionTypes", "24")) });
        return dn;
    }

    /** A global security group with these members (user or group DNs); returns its DN. */
    public String group(String sam, List<String> memberDns) {
        String dn = "CN=" + sam + ",CN=Users," + SambaDc.BASE_DN;
        BasicAttributes attrs = new BasicAttributes(true);
        attrs.put("objectClass", "group");
        attrs.put("sAMAccountName", sam);
        if (!memberDns.isEmpty()) {
            BasicAttribute members = new BasicAttribute("member");
            memberDns.forEach(members::add);
            attrs.put(members);
        }
        ldap.bind(dn, null, attrs);
        return dn;
    }

    public void disable(String userDn) {
        ldap.modifyAttributes(userDn, new ModificationItem[] {
                new ModificationItem(DirContext.REPLACE_ATTRIBUTE, new BasicAttribute("userAccountControl", "514")) });
    }

    public SambaDc dc() {
        return dc;
    }
}
