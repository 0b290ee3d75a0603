package com.asaconsole.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The notes that carry a failed sign-in's sentence to the next page: bounded, short-lived, unguessable. */
class SignInFailureNotesTest {

    @Test
    void aFloodKeepsAtMostTheNewestNotesAndANoteExpires() {
        LoginThrottleTest.MutableClock clock = new LoginThrottleTest.MutableClock();
        SignInFailureNotes notes = new SignInFailureNotes(clock);
        String first = notes.note("the first");
        String last = null;
        for (int i = 0; i < SignInFailureNotes.KEPT + 500; i++) {
            last = notes.note("sentence " + i);
        }
        assertThat(notes.size()).isEqualTo(SignInFailureNotes.KEPT);
        assertThat(notes.sentence(first)).as("the oldest went first").isEmpty();
        assertThat(notes.sentence(last)).contains("sentence " + (SignInFailureNotes.KEPT + 499));

        clock.advance(SignInFailureNotes.KEPT_FOR.plus(Duration.ofSeconds(1)));
        assertThat(notes.sentence(last)).as("expired").isEmpty();
        assertThat(notes.sentence("not-a-note-id")).isEmpty();
    }

    @Test
    void idsAreRandomAndSafeInAnAddress() {
        SignInFailureNotes notes = new SignInFailureNotes(Clock.systemUTC());
        String a = notes.note("x");
        String b = notes.note("x");
        assertThat(a).isNotEqualTo(b).matches("[A-Za-z0-9_-]{16}");
    }
}
