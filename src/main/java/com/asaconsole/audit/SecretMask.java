package com.asaconsole.audit;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of the trail: a detail whose key names a secret is stored as {@code ****},
 * whatever the caller passed. Values are also capped so that one record stays readable.
 */
final class SecretMask {

    static final String MASK = "****";
    static final int MAX_VALUE = 500;
    static final int MAX_DETAILS = 4000;

    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(pass(word|wd|phrase)?|pwd|secret|token|credential|private|(^|[-_.])key$|apikey|authorization|cookie|session).*");

    private SecretMask() {
    }

    static boolean isSecretKey(String key) {
        return key != null && SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }

    static Map<String, String> mask(Map<String, String> details) {
        Map<String, String> masked = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : details.entrySet()) {
            String key = cap(e.getKey() == null ? "" : e.getKey(), 100);
            String value = e.getValue();
            masked.put(key, isSecretKey(key) && value != null ? MASK : cap(value, MAX_VALUE));
        }
        return masked;
    }

    static String cap(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        return value.substring(0, max - 1) + "…";
    }
}
