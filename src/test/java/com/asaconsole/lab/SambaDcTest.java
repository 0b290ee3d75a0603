package com.asaconsole.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.naming.directory.BasicAttribute;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.ModificationItem;

import com.asaconsole.kerberos.EncryptionType;
import com.asaconsole.kerberos.KdcClient;
import com.asaconsole.kerberos.KerberosCheckFailed;
import com.asaconsole.kerberos.ServiceTicket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.ldap.NamingException;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.core.support.LdapContextSource;
import org.springframework.ldap.query.LdapQueryBuilder;

/**
 * The lab's Active Directory is real: over LDAPS it creates computer accounts and SPNs, refuses
 * a duplicate SPN the way Windows Server 2012 R2+ DCs do, and its KDC issues AES service tickets
 * once the account asks for AES, while the JDK refuses the RC4 ticket it issues before.
 */
@ExtendWith(SambaLab.class)
@LabTest
class SambaDcTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String OU = "OU=SambaDcTest-" + RUN;
    private static final String SPN = "http/mail-" + RUN + ".contoso.test";

    private static LdapTemplate ldap;

    @BeforeAll
    static void connect(SambaDc dc) {
        ldap = template(dc, dc.ldapsUrl());
        ldap.bind(OU, null, attributes(Map.of("objectClass", "organizationalUnit")));
    }

    @AfterAll
    static void cleanUp() {
        if (ldap != null) {
            ldap.unbind(OU, true);
        }
    }

    @Test
    void directoryOverLdapsKeepsSpnsUniqueAndTheKdcIssuesAesTicketsOnceAskedTo(SambaDc dc) {
        String asaDn = createComputer("EXASA" + RUN);
        String casDn = createComputer("CAS" + RUN);

        addSpn(asaDn, SPN);
        assertThat(ldap.lookup(asaDn, (javax.naming.directory.Attributes a) -> a.get("servicePrincipalName").contains(SPN)))
                .isTrue();

        // the same SPN on a second account: refused by the DC, with a message naming the conflict
        assertThatThrownBy(() -> addSpn(casDn, SPN))
                .isInstanceOf(NamingException.class)
                .hasMessageContaining("error code 19")
                .hasMessageContaining("would cause a conflict");

        // one forest-wide query on the Global Catalog over TLS finds exactly one owner
        LdapTemplate gc = template(dc, dc.globalCatalogUrl());
        List<String> owners = gc.search(LdapQueryBuilder.query().base("").where("servicePrincipalName").is(SPN),
                (javax.naming.directory.Attributes a) -> (String) a.get("sAMAccountName").get());
        assertThat(owners).containsExactly("EXASA" + RUN + "$");

        // encryption types unset: the KDC encrypts the ticket with RC4, which a Java acceptor would refuse
        KdcClient kdc = new KdcClient();
        ServiceTicket before = kdc.serviceTicket(dc.adminPrincipal(), dc.adminPassword().toCharArray(), SPN);
        assertThat(before.ticketEncryptionType()).isEqualTo(EncryptionType.RC4_HMAC.number());
        assertThat(before.strong()).isFalse();

        ldap.modifyAttributes(asaDn, new ModificationItem[] { new ModificationItem(DirContext.REPLACE_ATTRIBUTE,
                new BasicAttribute("msDS-SupportedEncryptionTypes", "24")) });

        ServiceTicket ticket = kdc.serviceTicket(dc.adminPrincipal(), dc.adminPassword().toCharArray(), SPN);
        assertThat(ticket.server()).isEqualToIgnoringCase(SPN + "@" + SambaDc.REALM);
        assertThat(ticket.ticketEncryptionType()).isEqualTo(EncryptionType.AES256_CTS_HMAC_SHA1_96.number());
        assertThat(ticket.strong()).isTrue();
        assertThat(ticket.keyVersion()).isPositive();
    }

    @Test
    void anSpnNobodyHoldsGetsNoTicket(SambaDc dc) {
        assertThatThrownBy(() -> new KdcClient().serviceTicket(dc.adminPrincipal(), dc.adminPassword().toCharArray(),
                "http/nobody-" + RUN + ".contoso.test"))
                .isInstanceOf(KerberosCheckFailed.class)
                .hasMessageContaining("unknown principal");
    }

    private static String createComputer(String name) {
        String dn = "CN=" + name + "," + OU;
        BasicAttributes attrs = attributes(Map.of("objectClass", "computer", "sAMAccountName", name + "$",
                "userAccountControl", "4096"));
        attrs.put("unicodePwd", ("\"" + "Pw-" + UUID.randomUUID() + "\"").getBytes(StandardCharsets.UTF_16LE));
        ldap.bind(dn, null, attrs);
        return dn;
    }

    private static void addSpn(String dn, String spn) {
        ldap.modifyAttributes(dn, new ModificationItem[] { new ModificationItem(DirContext.ADD_ATTRIBUTE,
                new BasicAttribute("servicePrincipalName", spn)) });
    }

    private static BasicAttributes attributes(Map<String, String> values) {
        BasicAttributes attrs = new BasicAttributes(true);
        values.forEach(attrs::put);
        return attrs;
    }

    private static LdapTemplate template(SambaDc dc, String url) {
        LdapContextSource source = new LdapContextSource();
        source.setUrl(url);
        source.setBase(url.endsWith(":3269") ? "" : SambaDc.BASE_DN);
        source.setUserDn(dc.adminUpn());
        source.setPassword(dc.adminPassword());
        source.setPooled(false);
        source.setBaseEnvironmentProperties(Map.of("java.naming.ldap.factory.socket", LabTlsSocketFactory.class.getName(),
                "com.sun.jndi.ldap.connect.timeout", "5000", "com.sun.jndi.ldap.read.timeout", "15000"));
        source.afterPropertiesSet();
        return new LdapTemplate(source);
    }
}
