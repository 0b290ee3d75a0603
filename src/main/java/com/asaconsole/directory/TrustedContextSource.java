package com.asaconsole.directory;

import java.util.Hashtable;
import java.util.Map;

import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.net.ssl.SSLSocketFactory;

import org.springframework.ldap.core.support.LdapContextSource;

/** A Spring LDAP context source whose TLS trusts exactly one connection's certificates. */
final class TrustedContextSource extends LdapContextSource {

    private final SSLSocketFactory tls;

    TrustedContextSource(DirectoryConnection connection, String url, String base) {
        this(connection, url, base, connection.bindPrincipal(), connection.bindPassword());
    }

    /** The same connection, bound as someone else (a person signing in with their own password). */
    TrustedContextSource(DirectoryConnection connection, String url, String base, String principal, char[] password) {
        this.tls = TlsTrust.socketFactory(connection.trustedCertificatePem());
        setUrl(url);
        setBase(base);
        setUserDn(principal);
        setPassword(new String(password));
        setPooled(false);
        setReferral("ignore");
        setBaseEnvironmentProperties(Map.of(
                "java.naming.ldap.factory.socket", TlsTrust.JndiSocketFactory.class.getName(),
                "com.sun.jndi.ldap.connect.timeout", Long.toString(connection.connectTimeout().toMillis()),
                "com.sun.jndi.ldap.read.timeout", Long.toString(connection.readTimeout().toMillis()),
                // binary attributes read as byte[]
                "java.naming.ldap.attributes.binary", "objectGUID objectSid nTSecurityDescriptor tokenGroups"));
        afterPropertiesSet();
    }

    @Override
    protected DirContext getDirContextInstance(Hashtable<String, Object> environment) throws NamingException {
        TlsTrust.use(tls);
        try {
            return super.getDirContextInstance(environment);
        } finally {
            TlsTrust.clear();
        }
    }
}
