package com.asaconsole.input;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * User names as people type them, made safe to store, show and compare. {@link #clean} gives the
 * form to store and show (NFKC, no control, bidi or zero-width characters, capped);
 * {@link #key} the form two names are compared by (clean, then case folded); {@link #problem}
 * refuses a name that imitates another with look-alike characters ({@code admın} with a dotless
 * ı for {@code admin}, Cyrillic {@code а} for Latin {@code a}) or mixes scripts. The local
 * account code and the sign-in share it, so no two of them can disagree about who a name is.
 */
public final class UserNames {

    /** Longest name kept; a UPN of an AD account fits (local account names are shorter: their column). */
    public static final int MAX_LENGTH = 256;

    /**
     * Characters that are letters in their own script but look like a plain ASCII letter: Unicode's
     * confusables (UTS #39) for a-z that NFKC does not already fold (it folds fullwidth, mathematical
     * and compatibility letters such as ſ and ℓ).
     */
    private static final Map<Integer, Character> LOOK_ALIKES = Map.ofEntries(
            // Latin
            Map.entry(0x0131, 'i'), Map.entry(0x0237, 'j'), Map.entry(0x0251, 'a'), Map.entry(0x0261, 'g'),
            Map.entry(0x0269, 'i'), Map.entry(0x026A, 'i'), Map.entry(0x029F, 'l'), Map.entry(0x0274, 'n'),
            Map.entry(0x0280, 'r'), Map.entry(0x028F, 'y'), Map.entry(0x0299, 'b'), Map.entry(0x029C, 'h'),
            Map.entry(0x0262, 'g'), Map.entry(0x0185, 'b'), Map.entry(0x01C0, 'l'), Map.entry(0x1D00, 'a'),
            Map.entry(0x1D04, 'c'), Map.entry(0x1D05, 'd'), Map.entry(0x1D07, 'e'), Map.entry(0x1D0A, 'j'),
            Map.entry(0x1D0B, 'k'), Map.entry(0x1D0D, 'm'), Map.entry(0x1D0F, 'o'), Map.entry(0x1D18, 'p'),
            Map.entry(0x1D1B, 't'), Map.entry(0x1D1C, 'u'), Map.entry(0x1D20, 'v'), Map.entry(0x1D21, 'w'),
            Map.entry(0x1D22, 'z'), Map.entry(0xA731, 's'),
            // Cyrillic
            Map.entry(0x0430, 'a'), Map.entry(0x0441, 'c'), Map.entry(0x0435, 'e'), Map.entry(0x04BB, 'h'),
            Map.entry(0x0456, 'i'), Map.entry(0x0458, 'j'), Map.entry(0x043E, 'o'), Map.entry(0x0440, 'p'),
            Map.entry(0x0501, 'd'), Map.entry(0x051B, 'q'), Map.entry(0x0455, 's'), Map.entry(0x0443, 'y'),
            Map.entry(0x0445, 'x'), Map.entry(0x051D, 'w'), Map.entry(0x04AF, 'y'), Map.entry(0x04CF, 'l'),
            Map.entry(0x0433, 'r'),
            // Greek
            Map.entry(0x03B1, 'a'), Map.entry(0x03BF, 'o'), Map.entry(0x03BD, 'v'), Map.entry(0x03B9, 'i'),
            Map.entry(0x03BA, 'k'), Map.entry(0x03C1, 'p'), Map.entry(0x03C5, 'u'), Map.entry(0x03F2, 'c'),
            Map.entry(0x03F3, 'j'), Map.entry(0x03C7, 'x'),
            // Armenian
            Map.entry(0x0585, 'o'), Map.entry(0x057D, 'u'), Map.entry(0x0570, 'h'), Map.entry(0x0578, 'n'));

    private UserNames() {
    }

    /**
     * The name to store and show: NFKC-normalised, without control characters, bidi controls,
     * zero-width and other invisible format characters, trimmed and capped at {@link #MAX_LENGTH}
     * characters. Never null.
     */
    public static String clean(String typed) {
        if (typed == null) {
            return "";
        }
        // dropping a character or cutting the end can leave text that normalises further: repeat until nothing changes
        String clean = once(typed);
        for (int i = 0; i < 4; i++) {
            String again = once(clean);
            if (again.equals(clean)) {
                break;
            }
            clean = again;
        }
        return clean;
    }

    private static String once(String typed) {
        String normalised = Normalizer.normalize(typed, Normalizer.Form.NFKC);
        StringBuilder sb = new StringBuilder(Math.min(normalised.length(), MAX_LENGTH));
        int kept = 0;
        for (int i = 0; i < normalised.length() && kept < MAX_LENGTH; ) {
            int cp = normalised.codePointAt(i);
            i += Character.charCount(cp);
            if (invisible(cp)) {
                continue;
            }
            sb.appendCodePoint(Character.isWhitespace(cp) || Character.isSpaceChar(cp) ? ' ' : cp);
            kept++;
        }
        return sb.toString().strip();
    }

    /**
     * What two names are compared by: the clean name in lower case, the same in every locale. Not
     * upper case first: that folds the dotless ı to I and so to i, the very look-alike refused here.
     */
    public static String key(String name) {
        return clean(name).toLowerCase(Locale.ROOT);
    }

    /** Whether two typed names are the same user name. */
    public static boolean same(String a, String b) {
        return key(a).equals(key(b));
    }

    /**
     * Why {@code name} can't be used as a user name, or empty when it can: nothing left after
     * cleaning, longer than {@code max} characters, letters of two scripts, or look-alikes of plain
     * letters that make it read as another (ASCII) name.
     */
    public static Optional<String> problem(String name, int max) {
        String clean = clean(name);
        if (clean.isEmpty()) {
            return Optional.of("Enter a user name.");
        }
        if (clean.codePointCount(0, clean.length()) > max || name.codePointCount(0, name.length()) > MAX_LENGTH * 4) {
            return Optional.of("A user name has at most " + max + " characters.");
        }
        Set<String> scripts = new TreeSet<>();
        StringBuilder skeleton = new StringBuilder();
        String folded = clean.toLowerCase(Locale.ROOT);
        String lookAlike = null;
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                Character.UnicodeScript script = Character.UnicodeScript.of(cp);
                if (script != Character.UnicodeScript.COMMON && script != Character.UnicodeScript.INHERITED) {
                    scripts.add(title(script.name()));
                }
            }
            Character ascii = LOOK_ALIKES.get(cp);
            if (ascii != null) {
                if (lookAlike == null) {
                    String charName = Character.getName(cp);
                    lookAlike = String.format(Locale.ROOT, "%s (U+%04X%s) looks like %s", new String(Character.toChars(cp)), cp,
                            charName == null ? "" : " " + charName, ascii);
                }
                skeleton.append(ascii.charValue());
            } else {
                skeleton.appendCodePoint(cp);
            }
        }
        if (scripts.size() > 1) {
            return Optional.of("A user name can't mix letters of " + String.join(" and ", scripts)
                    + " script: such names imitate others. Use letters of one script.");
        }
        if (lookAlike != null && isAscii(skeleton)) {
            return Optional.of("This user name reads as \"" + skeleton + "\" but is not: " + lookAlike
                    + ". Type it with plain letters.");
        }
        return Optional.empty();
    }

    private static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL && cp != '\t' // C0, C1 (NUL, ESC, DEL …); a tab becomes a space
                || type == Character.FORMAT // bidi controls (U+202A-E, U+2066-9), zero-width (U+200B-D), U+FEFF, soft hyphen
                || type == Character.SURROGATE // a lone half of a pair
                || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE
                || cp == 0x034F || cp >= 0xFE00 && cp <= 0xFE0F || cp >= 0xE0100 && cp <= 0xE01EF // variation selectors
                || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0; // Hangul fillers, blank yet letters
    }

    private static boolean isAscii(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static String title(String script) {
        String lower = script.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
