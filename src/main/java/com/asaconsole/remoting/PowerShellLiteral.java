package com.asaconsole.remoting;

/**
 * Values written into PowerShell text as single-quoted literals: inside single quotes PowerShell
 * expands nothing ({@code $}, {@code `}, {@code $(…)} stay text), and the only special character is
 * the quote itself, doubled. PowerShell also takes the typographic quotes U+2018, U+2019, U+201A
 * and U+201B as single quotes, so they are doubled too. Line breaks and other control characters
 * are refused: no value the console writes into a script needs one, and in a comment a line break
 * would end the comment.
 */
public final class PowerShellLiteral {

    private PowerShellLiteral() {
    }

    /** {@code value} as a PowerShell single-quoted string literal. */
    public static String quote(String value) {
        requirePrintable(value);
        StringBuilder s = new StringBuilder("'");
        value.codePoints().forEach(c -> {
            if (c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B') {
                s.appendCodePoint(c);
            }
            s.appendCodePoint(c);
        });
        return s.append('\'').toString();
    }

    /** Text for a {@code #} comment: a value can't end the comment line. */
    public static String comment(String value) {
        StringBuilder s = new StringBuilder();
        value.codePoints().forEach(c -> s.appendCodePoint(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c));
        return s.toString();
    }

    private static void requirePrintable(String value) {
        if (value == null) {
            throw new IllegalArgumentException("A value for a PowerShell script is missing");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                throw new IllegalArgumentException("\"" + CasEndpoint.printable(value) + "\" has a line break or control character, "
                        + "which no value in a PowerShell script may have");
            }
        }
    }
}
