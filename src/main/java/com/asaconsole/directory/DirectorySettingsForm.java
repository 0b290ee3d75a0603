package com.asaconsole.directory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The directory connection form; password fields are write-only and never re-rendered. */
record DirectorySettingsForm(
        @NotBlank(message = "Enter the forest's DNS name.")
        @Pattern(regexp = "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+",
                message = "Enter a DNS name such as contoso.com (ASCII letters, digits, hyphens and dots).") String forest,
        @NotBlank(message = "Enter the domain controller's LDAPS URL.")
        @Pattern(regexp = "(?i)ldaps://[a-z0-9.-]+(:[0-9]{1,5})?/?", message = "Use ldaps://<dc host name>:636.") String ldapsUrl,
        @NotBlank(message = "Enter the Global Catalog URL.")
        @Pattern(regexp = "(?i)ldaps://[a-z0-9.-]+(:[0-9]{1,5})?/?", message = "Use ldaps://<gc host name>:3269.") String globalCatalogUrl,
        @NotBlank(message = "Enter the domain's naming context, e.g. DC=contoso,DC=com.") @Size(max = 512) String baseDn,
        @NotBlank(message = "Enter the bind account (UPN or DN).") @Size(max = 512) String bindPrincipal,
        @Size(max = 512) String bindPassword,
        @NotBlank(message = "Paste the certificate of the DC or of its CA (PEM).")
        @Size(max = 16000, message = "The certificate text is too long.") String trustedCertificatePem,
        @Size(max = 512) String probePrincipal,
        @Size(max = 512) String probePassword,
        Integer version) {

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
