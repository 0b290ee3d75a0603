package com.asaconsole.directory;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * How to reach one forest's directory: a domain controller over LDAPS (or LDAP + StartTLS is not
 * offered: LDAPS only) and a Global Catalog over TLS, trusting exactly the given certificate.
 *
 * @param forest the forest's DNS name, e.g. contoso.com
 * @param ldapsUrl e.g. ldaps://dc1.contoso.com:636
 * @param globalCatalogUrl e.g. ldaps://dc1.contoso.com:3269
 * @param baseDn the domain's naming context, e.g. DC=contoso,DC=com
 * @param bindPrincipal UPN or DN of the bind account
 * @param bindPassword its password; never shown, logged or kept beyond the connection
 * @param trustedCertificatePem the DC's certificate or its issuing CA, PEM
 * @param connectTimeout how long to wait for the TCP and TLS connection
 * @param readTimeout how long to wait for an answer
 */
public record DirectoryConnection(String forest, String ldapsUrl, String globalCatalogUrl, String baseDn,
        String bindPrincipal, char[] bindPassword, String trustedCertificatePem, Duration connectTimeout,
        Duration readTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    public DirectoryConnection {
        requireLdaps(ldapsUrl, "LDAPS URL");
        requireLdaps(globalCatalogUrl, "Global Catalog URL");
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
    }

    /** host:port of the domain controller, as used in error sentences. */
    public String dcAddress() {
        URI uri = URI.create(ldapsUrl);
        return uri.getHost() + ":" + (uri.getPort() < 0 ? 636 : uri.getPort());
    }

    public String gcAddress() {
        URI uri = URI.create(globalCatalogUrl);
        return uri.getHost() + ":" + (uri.getPort() < 0 ? 3269 : uri.getPort());
    }

    private static void requireLdaps(String url, String what) {
        if (url == null || !url.toLowerCase(Locale.ROOT).startsWith("ldaps://")) {
            throw new IllegalArgumentException("The " + what + " must start with ldaps://: the console sends passwords "
                    + "to the directory and never does so without TLS.");
        }
        URI uri = URI.create(url);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("The " + what + " names no host: " + url);
        }
    }

    @Override
    public String toString() {
        return "DirectoryConnection[forest=" + forest + ", ldapsUrl=" + ldapsUrl + ", globalCatalogUrl=" + globalCatalogUrl
                + ", baseDn=" + baseDn + ", bindPrincipal=" + bindPrincipal + ", bindPassword=****]";
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
