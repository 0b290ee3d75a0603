package com.asaconsole.directory;

import com.asaconsole.input.Fits;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The directory connection form; password fields are write-only and never re-rendered. */
record DirectorySettingsForm(
        @NotBlank(message = "Enter the forest's DNS name.")
        @Pattern(regexp = "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+",
                message = "Enter a DNS name such as contoso.com (ASCII letters, digits, hyphens and dots).")
        @Fits(table = "directory_connection", column = "forest") String forest,
        @NotBlank(message = "Enter the domain controller's LDAPS URL.")
        @Pattern(regexp = URL, message = "Use ldaps://<dc host name>:636.")
        @Fits(table = "directory_connection", column = "ldaps_url") String ldapsUrl,
        @NotBlank(message = "Enter the Global Catalog URL.")
        @Pattern(regexp = URL, message = "Use ldaps://<gc host name>:3269.")
        @Fits(table = "directory_connection", column = "global_catalog_url") String globalCatalogUrl,
        @NotBlank(message = "Enter the domain's naming context, e.g. DC=contoso,DC=com.")
        @Fits(table = "directory_connection", column = "base_dn") String baseDn,
        @NotBlank(message = "Enter the bind account (UPN or DN).")
        @Fits(table = "directory_connection", column = "bind_principal") String bindPrincipal,
        @Size(max = 512) String bindPassword,
        @NotBlank(message = "Paste the certificate of the DC or of its CA (PEM).")
        @Fits(table = "directory_connection", column = "trusted_certificate_pem") String trustedCertificatePem,
        @Fits(table = "directory_connection", column = "probe_principal") String probePrincipal,
        @Size(max = 512) String probePassword,
        Integer version) {

    /** ldaps://host[:port][/]: a host name of DNS characters and a port of 1 to 65535. */
    static final String URL = "(?i)ldaps://[a-z0-9.-]{1,253}(:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?/?";

    static DirectorySettingsForm empty() {
        return new DirectorySettingsForm("", "ldaps://", "ldaps://", "", "", null, "", "", null, null);
    }

    static DirectorySettingsForm from(ForestSettings s) {
        return new DirectorySettingsForm(s.forest(), s.ldapsUrl(), s.globalCatalogUrl(), s.baseDn(), s.bindPrincipal(), null,
                s.trustedCertificatePem(), s.probePrincipal(), null, s.version());
    }

    ForestSettings toSettings() {
        return new ForestSettings(forest.trim().toLowerCase(java.util.Locale.ROOT), ldapsUrl.trim(), globalCatalogUrl.trim(),
                baseDn.trim(), bindPrincipal.trim(), trustedCertificatePem.trim(), probePrincipal == null ? null : probePrincipal.trim(),
                version == null ? 0 : version);
    }

    @Override
    public String toString() {
        return "DirectorySettingsForm[forest=" + forest + ", ldapsUrl=" + ldapsUrl + ", bindPrincipal=" + bindPrincipal
                + ", passwords=****]";
    }
}
