package com.asaconsole.directory;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A service principal name as AD stores it: {@code service/host[:port][/service-name]}, ASCII
 * only. Non-ASCII and invisible characters are refused: they slip past AD's duplicate check
 * (CVE-2026-25177), so an SPN that looks like one already registered would not be caught.
 */
public record SpnName(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*/[A-Za-z0-9._-]+(:[0-9]{1,5})?(/[A-Za-z0-9._-]+)?");

    public SpnName {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Why a text is not an acceptable SPN, or null when it is. */
    public static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "An SPN is required.";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0x7E || c < 0x21) {
                return "The SPN contains a " + (c > 0x7E ? "non-ASCII" : "invisible or control") + " character (U+"
                        + String.format("%04X", (int) c) + ") at position " + (i + 1)
                        + ": such SPNs slip past AD's duplicate check (CVE-2026-25177).";
            }
        }
        if (!SHAPE.matcher(value).matches()) {
            return "'" + value + "' is not an SPN of the form service/host[:port][/name], e.g. http/mail.contoso.com.";
        }
        return null;
    }

    /** How AD compares SPNs: without regard to case. */
    public String key() {
        return value.toLowerCase(Locale.ROOT);
    }

    public String serviceClass() {
        return value.substring(0, value.indexOf('/'));
    }

    public String host() {
        String rest = value.substring(value.indexOf('/') + 1);
        int cut = rest.length();
        for (char c : new char[] { ':', '/' }) {
            int at = rest.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return rest.substring(0, cut);
    }

    @Override
    public String toString() {
        return value;
    }
}
