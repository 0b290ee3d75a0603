package com.asaconsole.kerberos;

import java.util.Arrays;

/** Kerberos encryption types as numbered in RFC 3961 and the Windows ticket events (4769). */
public enum EncryptionType {
    DES_CBC_CRC(1, "DES-CBC-CRC", false),
    DES_CBC_MD5(3, "DES-CBC-MD5", false),
    AES128_CTS_HMAC_SHA1_96(17, "AES128-CTS-HMAC-SHA1-96", true),
    AES256_CTS_HMAC_SHA1_96(18, "AES256-CTS-HMAC-SHA1-96", true),
    RC4_HMAC(23, "RC4-HMAC", false);

    private final int number;
    private final String label;
    private final boolean strong;

    EncryptionType(int number, String label, boolean strong) {
        this.number = number;
        this.label = label;
        this.strong = strong;
    }

    public int number() {
        return number;
    }

    public String label() {
        return label;
    }

    /** AES: what Windows issues by default from April 2026 and what Java 17 accepts. */
    public boolean strong() {
        return strong;
    }

    public static String describe(int number) {
        return Arrays.stream(values()).filter(e -> e.number == number).findFirst()
                .map(e -> e.label + " (0x" + Integer.toHexString(number) + ")")
                .orElse("encryption type " + number);
    }

    public static boolean isStrong(int number) {
        return Arrays.stream(values()).anyMatch(e -> e.number == number && e.strong);
    }
}
