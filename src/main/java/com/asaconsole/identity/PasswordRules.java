package com.asaconsole.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a local account's own password must be: long enough, not a trivial guess (a common password, one with only
 * digits or symbols added at its ends, a run of one character or a keyboard sequence), and not the user name.
 * Each refusal is a sentence the person can act on. AD accounts follow the domain's own policy, not these rules.
 */
final class PasswordRules {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;
    private static final Set<String> COMMON = load();
    private static final String[] SEQUENCES = { "abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiop", "asdfghjkl", "zxcvbnm",
            "qwertzuiop", "azertyuiop" };

    private PasswordRules() {
    }

    /** Why this password can't be used, or empty when it can. */
    static Optional<String> problem(String password, String username) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("Use at least " + MIN_LENGTH + " characters; a few ordinary words in a row make a good one.");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("Use at most " + MAX_LENGTH + " characters.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("Don't put your user name in your password.");
        }
        String core = lower.replaceAll("^[^\\p{L}]+", "").replaceAll("[^\\p{L}]+$", "");
        if (COMMON.contains(lower) || COMMON.contains(core) || COMMON.contains(core.replaceAll("[^\\p{L}]", ""))) {
            return Optional.of("This is one of the first passwords an attacker tries (a common word with digits or symbols "
                    + "added does not help); choose something less common.");
        }
        if (lower.chars().distinct().count() < 5) {
            return Optional.of("Use more different characters; a run of the same few characters is guessed at once.");
        }
        for (String sequence : SEQUENCES) {
            if (sequenceCovers(lower, sequence)) {
                return Optional.of("A keyboard row or an alphabet or digit sequence is guessed at once; choose something else.");
            }
        }
        return Optional.empty();
    }

    /** True when the password is mostly (all but three characters) one run along the sequence, forwards or backwards. */
    private static boolean sequenceCovers(String password, String sequence) {
        String reversed = new StringBuilder(sequence).reverse().toString();
        int longest = 0;
        for (String s : new String[] { sequence, reversed }) {
            for (int start = 0; start < password.length(); start++) {
                int run = 0;
                while (start + run < password.length() && s.indexOf(password.substring(start, start + run + 1)) >= 0) {
                    run++;
                }
                longest = Math.max(longest, run);
            }
        }
        return longest >= password.length() - 3;
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                PasswordRules.class.getResourceAsStream("/identity/common-passwords.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    words.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
