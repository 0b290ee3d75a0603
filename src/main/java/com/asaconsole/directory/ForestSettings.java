package com.asaconsole.directory;

/**
 * A forest's directory connection as pages show it: everything but the passwords.
 *
 * @param probePrincipal the identity the helpdesk's KDC check signs in as, or null
 */
public record ForestSettings(String forest, String ldapsUrl, String globalCatalogUrl, String baseDn, String bindPrincipal,
        String trustedCertificatePem, String probePrincipal, int version) {
}
