package com.asaconsole.input;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

import org.junit.jupiter.api.Test;

/** User names: cleaned for storing, compared by key, look-alikes refused. */
class UserNamesTest {

    @Test
    void aDotlessIIsNotAnI() {
        assertThat(UserNames.problem("admın", 128)).hasValueSatisfying(p -> assertThat(p)
                .contains("reads as \"admin\"").contains("U+0131").contains("LATIN SMALL LETTER DOTLESS I"));
        assertThat(UserNames.same("admın", "admin")).isFalse();
        assertThat(UserNames.same("ADMIN", "admin")).isTrue();
    }

    @Test
    void cyrillicAndGreekLookAlikesAndMixedScriptsAreRefused() {
        assertThat(UserNames.problem("аdmin", 128)).hasValueSatisfying(p -> assertThat(p).contains("Cyrillic and Latin"));
        assertThat(UserNames.problem("оса", 128)).hasValueSatisfying(p -> assertThat(p).contains("reads as \"oca\""));
        assertThat(UserNames.problem("αdmin", 128)).isPresent();
    }

    @Test
    void realNamesInOneScriptAreFine() {
        assertThat(UserNames.problem("jürgen.müller", 128)).isEmpty();
        assertThat(UserNames.problem("Иван", 128)).isEmpty();
        assertThat(UserNames.problem("αλέξης", 128)).isEmpty();
        assertThat(UserNames.problem("alice@contoso.com", 128)).isEmpty();
        assertThat(UserNames.problem("CONTOSO\\alice", 128)).isEmpty();
    }

    @Test
    void compatibilityFormsFoldToWhatTheyShow() {
        assertThat(UserNames.clean("ａｄｍｉｎ")).isEqualTo("admin");
        assertThat(UserNames.same("ſam", "sam")).isTrue();
        assertThat(UserNames.problem("ａｄｍｉｎ", 128)).isEmpty();
    }

    @Test
    void controlBidiAndInvisibleCharactersAreStripped() {
        assertThat(UserNames.clean("ad\u0000min")).isEqualTo("admin");
        assertThat(UserNames.clean("\u202Enimda")).isEqualTo("nimda");
        assertThat(UserNames.clean("ad\u200Bmin\uFEFF")).isEqualTo("admin");
        assertThat(UserNames.clean("a\u2066b\u2069c\u061Cd")).isEqualTo("abcd");
        assertThat(UserNames.clean("a\nb\tc")).isEqualTo("ab c");
        assertThat(UserNames.clean("x".repeat(500))).hasSize(UserNames.MAX_LENGTH);
        assertThat(UserNames.clean(null)).isEmpty();
        assertThat(UserNames.problem("\u202E\u200B", 128)).hasValue("Enter a user name.");
    }

    @Property(tries = 2000)
    void cleanNamesHoldNoInvisibleOrControlCharacterAndCleaningTwiceChangesNothing(@ForAll @StringLength(max = 600) String typed) {
        String clean = UserNames.clean(typed);
        assertThat(clean.codePoints().filter(cp -> Character.getType(cp) == Character.CONTROL
                || Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.SURROGATE)).isEmpty();
        assertThat(clean.codePointCount(0, clean.length())).isLessThanOrEqualTo(UserNames.MAX_LENGTH);
        assertThat(UserNames.clean(clean)).isEqualTo(clean);
        assertThat(UserNames.key(UserNames.key(typed))).isEqualTo(UserNames.key(typed));
    }
}
