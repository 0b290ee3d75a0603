package com.asaconsole.directory;

import java.util.Map;

import javax.naming.directory.BasicAttributes;

import com.asaconsole.lab.LabTlsSocketFactory;
import com.asaconsole.lab.SambaDc;

import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.core.support.LdapContextSource;

/** A test class's own OU in the lab directory, created before and removed (with its content) after. */
final class LabOu {

    private LabOu() {
    }

    static void create(SambaDc dc, String dn) {
        BasicAttributes attrs = new BasicAttributes(true);
        attrs.put("objectClass", "organizationalUnit");
        admin(dc).bind(dn, null, attrs);
    }

    static void delete(SambaDc dc, String dn) {
        admin(dc).unbind(dn, true);
    }

    /** A computer account's attributes: its name, sAMAccountName {@code name$}, and the SPNs given. */
    static BasicAttributes computer(String name, String... spns) {
        BasicAttributes attrs = new BasicAttributes(true);
        attrs.put("objectClass", "computer");
        attrs.put("sAMAccountName", name + "$");
        attrs.put("userAccountControl", "4096");
        javax.naming.directory.BasicAttribute values = new javax.naming.directory.BasicAttribute("servicePrincipalName");
        for (String spn : spns) {
            values.add(spn);
        }
        attrs.put(values);
        return attrs;
    }

    static LdapTemplate admin(SambaDc dc) {
        LdapContextSource source = new LdapContextSource();
        source.setUrl(dc.ldapsUrl());
        source.setUserDn(dc.adminUpn());
        source.setPassword(dc.adminPassword());
        source.setPooled(false);
        source.setBaseEnvironmentProperties(Map.of("java.naming.ldap.factory.socket", LabTlsSocketFactory.class.getName()));
        source.afterPropertiesSet();
        return new LdapTemplate(source);
    }
}
