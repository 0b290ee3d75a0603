package com.asaconsole.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

import com.asaconsole.ConsoleTest;
import com.asaconsole.lab.RawHttp;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * Someone who is not signed in costs the console no session. Before, every GET of the sign-in page (and every
 * link that led to it) created a session that lived for the 30-minute idle timeout; the load benchmark's loop
 * over {@code /login} ran the console out of its 256 MB heap. The form's CSRF token and the page to return to
 * wait in cookies until sign-in; the CSRF check itself is unchanged.
 */
@ConsoleTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// the failed sign-ins of one test slow down every sign-in from 127.0.0.1 (the throttle per address): each test starts
// with a console of its own, whatever the order (the random method order found this)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class AnonymousVisitorsTest {

    static final String HOST = "127.0.0.1";
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern COOKIE = Pattern.compile("(?m)^([^=;\\s]+)=([^;]*)");

    @TestConfiguration
    static class Sessions {
        final AtomicInteger created = new AtomicInteger();

        @Bean
        HttpSessionListener countingSessions() {
            return new HttpSessionListener() {
                @Override
                public void sessionCreated(HttpSessionEvent event) {
                    created.incrementAndGet();
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Sessions sessions;

    @Test
    void pagesLinksAndRefusalsForAnonymousVisitorsCreateNoSession() throws IOException {
        int before = sessions.created.get();
        for (int i = 0; i < 50; i++) {
            for (String path : List.of("/login", "/", "/changes/5", "/about", "/spn-status?q=http/mail", "/nothing-here", "/api/topology/servers",
                    "/login?error", "/login?logout")) {
                RawHttp.Response answer = RawHttp.send(HOST, port, "GET", path, Map.of(), null);
                assertThat(answer.status()).as(path).isIn(200, 302, 401);
                assertThat(String.valueOf(answer.header("Set-Cookie"))).as(path).doesNotContain("JSESSIONID");
            }
        }
        RawHttp.Response refused = RawHttp.send(HOST, port, "POST", "/login", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "username=admin&password=wrong");
        assertThat(refused.status()).as("a sign-in without the token").isEqualTo(403);
        // failed sign-ins, each with its form's cookie and token: refused with their sentence, and still no session
        for (int i = 0; i < 5; i++) {
            RawHttp.Response form = RawHttp.send(HOST, port, "GET", "/login", Map.of(), null);
            Matcher token = CSRF.matcher(form.body());
            assertThat(token.find()).isTrue();
            RawHttp.Response failed = post(cookies(form), "nobody-" + i, "wrong", token.group(1));
            assertThat(failed.status()).isEqualTo(302);
            assertThat(failed.header("Location")).matches(".*/login\\?error=[A-Za-z0-9_-]{16}");
            String page = RawHttp.send(HOST, port, "GET", failed.header("Location").replaceFirst("^https?://[^/]+", ""), Map.of(), null).body();
            // the sentence the failure noted: the first is a wrong password, later ones may be the throttle's wait
            assertThat(page).containsAnyOf(SignInFailureNotes.GENERAL, "Too many failed sign-ins. Wait ");
            if (i == 0) {
                assertThat(page).contains(SignInFailureNotes.GENERAL);
            }
        }
        assertThat(RawHttp.send(HOST, port, "GET", "/login?error=made-up-text-in-the-address", Map.of(), null).body())
                .as("the page shows only a sentence of its own").contains(SignInFailureNotes.GENERAL).doesNotContain("made-up-text");
        assertThat(sessions.created.get() - before).as("sessions created for anonymous requests and failed sign-ins").isZero();
    }

    @Test
    void theSignInFormNeedsItsCookieAndItsTokenAndLeadsBackToTheAskedPage() throws IOException {
        RawHttp.Response asked = RawHttp.send(HOST, port, "GET", "/changes", Map.of(), null);
        assertThat(asked.status()).isEqualTo(302);
        assertThat(asked.header("Location")).endsWith("/login");
        Map<String, String> cookies = cookies(asked);
        assertThat(cookies).containsKey("REDIRECT_URI");

        RawHttp.Response form = RawHttp.send(HOST, port, "GET", "/login", Map.of("Cookie", header(cookies)), null);
        cookies.putAll(cookies(form));
        assertThat(cookies).containsKey(SessionOrCookieCsrfTokens.COOKIE);
        assertThat(form.header("Set-Cookie")).contains("HttpOnly").contains("SameSite=Strict");
        Matcher token = CSRF.matcher(form.body());
        assertThat(token.find()).isTrue();

        // the token of the form without its cookie (another browser's form, a forged post) is refused
        Map<String, String> withoutCookie = new LinkedHashMap<>(cookies);
        withoutCookie.remove(SessionOrCookieCsrfTokens.COOKIE);
        assertThat(post(withoutCookie, "admin", ConsoleTest.BOOTSTRAP_PASSWORD, token.group(1)).status()).isEqualTo(403);
        // and the cookie with another token
        assertThat(post(cookies, "admin", ConsoleTest.BOOTSTRAP_PASSWORD, "forged").status()).isEqualTo(403);

        int before = sessions.created.get();
        RawHttp.Response signedIn = post(cookies, "admin", ConsoleTest.BOOTSTRAP_PASSWORD, token.group(1));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location")).as("back to the page asked for").endsWith("/changes");
        Map<String, String> after = cookies(signedIn);
        assertThat(after).containsKey("JSESSIONID");
        assertThat(sessions.created.get() - before).isEqualTo(1);

        // signed in, the page and its forms work on the session's own token
        cookies.putAll(after);
        RawHttp.Response page = RawHttp.send(HOST, port, "GET", "/changes", Map.of("Cookie", header(cookies)), null);
        assertThat(page.status()).isEqualTo(200);
        Matcher sessionToken = CSRF.matcher(page.body());
        assertThat(sessionToken.find()).isTrue();
        RawHttp.Response out = RawHttp.send(HOST, port, "POST", "/logout", Map.of("Cookie", header(cookies), "Content-Type",
                "application/x-www-form-urlencoded"), "_csrf=" + URLEncoder.encode(sessionToken.group(1), StandardCharsets.UTF_8));
        assertThat(out.status()).isEqualTo(302);
        assertThat(out.header("Location")).endsWith("/login?logout");
    }

    private RawHttp.Response post(Map<String, String> cookies, String user, String password, String token) throws IOException {
        return RawHttp.send(HOST, port, "POST", "/login", Map.of("Cookie", header(cookies), "Content-Type", "application/x-www-form-urlencoded"),
                "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /** The cookies a response sets (a cleared one, Max-Age=0, is left out). */
    private static Map<String, String> cookies(RawHttp.Response response) {
        Map<String, String> cookies = new LinkedHashMap<>();
        String all = response.header("Set-Cookie");
        if (all == null) {
            return cookies;
        }
        for (String line : all.split("\n")) {
            Matcher m = COOKIE.matcher(line.trim());
            if (m.find() && !line.contains("Max-Age=0")) {
                cookies.put(m.group(1), m.group(2));
            }
        }
        return cookies;
    }

    private static String header(Map<String, String> cookies) {
        StringBuilder header = new StringBuilder();
        cookies.forEach((k, v) -> header.append(header.isEmpty() ? "" : "; ").append(k).append('=').append(v));
        return header.toString();
    }
}
