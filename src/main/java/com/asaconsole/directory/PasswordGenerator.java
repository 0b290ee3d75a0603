package com.asaconsole.directory;

import java.security.SecureRandom;

/** Strong machine passwords from a CSPRNG, never logged (the roll script uses 73 characters; so do we). */
public final class PasswordGenerator {

    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String DIGITS = "23456789";
    private static final String SYMBOLS = "!#%+-.:=?@^_~";
    private static final String ALL = LOWER + UPPER + DIGITS + SYMBOLS;

    public static final int LENGTH = 73;

    private final SecureRandom random = new SecureRandom();

    public char[] generate() {
        char[] pw = new char[LENGTH];
        pw[0] = pick(LOWER);
        pw[1] = pick(UPPER);
        pw[2] = pick(DIGITS);
        pw[3] = pick(SYMBOLS);
        for (int i = 4; i < LENGTH; i++) {
            pw[i] = pick(ALL);
        }
        for (int i = LENGTH - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char t = pw[i];
            pw[i] = pw[j];
            pw[j] = t;
        }
        return pw;
    }

    private char pick(String alphabet) {
        return alphabet.charAt(random.nextInt(alphabet.length()));
    }
}
