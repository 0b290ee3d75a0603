package com.asaconsole.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;

/**
 * Why a sign-in failed, for the sign-in page that follows it, without a session: the sentence is kept here for a
 * few minutes under a random note id that the redirect carries ({@code /login?error=<id>}). Spring Security's
 * default kept the exception in a session, which a failed sign-in of someone without one created: a stream of
 * failed sign-ins made a session each, for the idle timeout. At most {@value #KEPT} notes are kept (the oldest
 * go first), so a flood costs a bounded amount of memory; an unknown or expired id gets the general sentence.
 * The page shows only a sentence written here, never text from the address bar.
 */
@Component
class SignInFailureNotes implements AuthenticationFailureHandler {

    static final int KEPT = 2_000;
    static final Duration KEPT_FOR = Duration.ofMinutes(5);
    static final String GENERAL = "Sign-in failed: the user name or password is wrong.";

    private record Note(String sentence, Instant at) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Map<String, Note> notes = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Note> eldest) {
            return size() > KEPT;
        }
    };

    SignInFailureNotes(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws java.io.IOException {
        response.sendRedirect(request.getContextPath() + "/login?error=" + note(LoginController.sentenceFor(failure)));
    }

    String note(String sentence) {
        byte[] id = new byte[12];
        random.nextBytes(id);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        synchronized (notes) {
            notes.put(key, new Note(sentence, clock.instant()));
        }
        return key;
    }

    /** The sentence of a note, or empty when the id is unknown or older than {@link #KEPT_FOR}. */
    Optional<String> sentence(String id) {
        synchronized (notes) {
            Note note = notes.get(id);
            return note == null || note.at().plus(KEPT_FOR).isBefore(clock.instant()) ? Optional.empty() : Optional.of(note.sentence());
        }
    }

    int size() {
        synchronized (notes) {
            return notes.size();
        }
    }
}
