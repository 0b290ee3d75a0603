package com.asaconsole.topology;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks for names that end up in SPNs, DNs and commands. Non-ASCII and invisible characters are
 * refused outright: they slip past AD's duplicate-SPN check (CVE-2026-25177).
 */
public final class HostNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]+");

    private HostNames() {
    }

    /** Why {@code text} is not plain printable ASCII, or empty when it is. Spaces are allowed only if {@code spaces}. */
    public static Optional<String> nonAscii(String text, boolean spaces) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean ok = cp > 0x20 && cp < 0x7f || spaces && cp == 0x20;
            if (!ok) {
                String name = Character.getName(cp);
                return Optional.of(String.format(Locale.ROOT,
                        "Use plain ASCII only: character %d is U+%04X%s, which is %s. Such characters slip past AD's duplicate-SPN check (CVE-2026-25177).",
                        text.codePointCount(0, i) + 1, cp,
                        name == null ? "" : " (" + name + ")",
                        cp == 0x20 ? "a space" : cp < 0x80 ? "a control character" : "not ASCII"));
            }
            i += Character.charCount(cp);
        }
        return Optional.empty();
    }

    /** Why {@code fqdn} is not a fully qualified DNS host name, or empty when it is. */
    public static Optional<String> fqdnProblem(String fqdn) {
        if (fqdn == null || fqdn.isBlank()) {
            return Optional.of("Enter a fully qualified DNS name such as mail.contoso.com.");
        }
        Optional<String> ascii = nonAscii(fqdn, false);
        if (ascii.isPresent()) {
            return ascii;
        }
        String name = fqdn.toLowerCase(Locale.ROOT);
        if (name.length() > 253) {
            return Optional.of("A DNS name has at most 253 characters.");
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.of("Enter the fully qualified name, with its domain: " + fqdn + ".contoso.com, not " + fqdn + ".");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.of("Enter a fully qualified DNS name such as mail.contoso.com: letters, digits and hyphens, "
                        + "labels of 1 to 63 characters separated by single dots, no hyphen at either end of a label.");
            }
        }
        if (NUMERIC.matcher(labels[labels.length - 1]).matches()) {
            return Optional.of("Enter a DNS name, not an IP address.");
        }
        return Optional.empty();
    }

    /** Why {@code url} is not a URL with one of the schemes and a fully qualified host, or empty when it is. */
    public static Optional<String> endpointProblem(String url, String... schemes) {
        String example = schemes[0] + "://server.contoso.com";
        if (url == null || url.isBlank()) {
            return Optional.of("Enter an address such as " + example + ".");
        }
        Optional<String> ascii = nonAscii(url, false);
        if (ascii.isPresent()) {
            return ascii;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!java.util.Arrays.asList(schemes).contains(scheme) || uri.getHost() == null) {
                return Optional.of("Enter an address such as " + example + " (scheme " + String.join(" or ", schemes) + ").");
            }
            if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
                return Optional.of("A port is a number from 1 to 65535, not " + uri.getPort() + ".");
            }
            return fqdnProblem(uri.getHost()).map(p -> "The host name in this address is not valid. " + p);
        } catch (URISyntaxException e) {
            return Optional.of("Enter an address such as " + example + ".");
        }
    }
}
