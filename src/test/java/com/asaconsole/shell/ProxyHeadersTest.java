package com.asaconsole.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.asaconsole.ConsoleTest;
import com.asaconsole.lab.RawHttp;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Behind a TLS proxy: X-Forwarded-* are believed from the configured proxy (127.0.0.2 here) only.
 * Through it, the console sees HTTPS (the session cookie is Secure, HSTS is sent) and each
 * client's own address (the throttle slows down one client, not everyone; the audit trail names
 * the client, not the proxy). The same headers from anyone else change nothing.
 */
@ConsoleTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "asa.web.trusted-proxies=127.0.0.2", "asa.test.estate=proxy-headers" })
class ProxyHeadersTest {

    static final String PROXY = "127.0.0.2";
    static final String STRANGER = "127.0.0.1";
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern SIGN_IN_CSRF = Pattern.compile("((?:__Host-)?ASA-SIGN-IN-CSRF)=([^;]+)");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void throughTheTrustedProxyHttpsMeansSecureCookiesAndHsts() throws IOException {
        RawHttp.Response page = RawHttp.send(PROXY, port, "GET", "/login", forwarded("https", "203.0.113.7"), null);
        assertThat(page.status()).isEqualTo(200);
        // before sign-in the form's token is kept in a __Host- cookie (no session for visitors); it needs Secure
        assertThat(page.header("Set-Cookie")).contains("__Host-ASA-SIGN-IN-CSRF=").contains("Secure").contains("HttpOnly")
                .contains("SameSite=Strict").doesNotContain("JSESSIONID");
        assertThat(page.header("Strict-Transport-Security")).contains("max-age=31536000");

        RawHttp.Response signedIn = signIn(PROXY, "203.0.113.77", "admin", ConsoleTest.BOOTSTRAP_PASSWORD);
        assertThat(signedIn.header("Location")).doesNotContain("error");
        assertThat(signedIn.header("Set-Cookie")).contains("JSESSIONID=").contains("Secure").contains("HttpOnly");

        RawHttp.Response plain = RawHttp.send(PROXY, port, "GET", "/login", forwarded("http", "203.0.113.7"), null);
        assertThat(plain.header("Set-Cookie")).doesNotContain("Secure");
        assertThat(plain.header("Strict-Transport-Security")).isNull();
    }

    @Test
    void aClientCannotClaimHttpsOrAnAddressWithoutTheProxy() throws IOException {
        RawHttp.Response page = RawHttp.send(STRANGER, port, "GET", "/login", forwarded("https", "203.0.113.66"), null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Set-Cookie")).doesNotContain("Secure");
        assertThat(page.header("Strict-Transport-Security")).isNull();

        signIn(STRANGER, "198.51.100.9", "stranger-1");
        assertThat(jdbc.queryForList("SELECT source_address FROM audit_record WHERE target = 'stranger-1'", String.class))
                .containsOnly(STRANGER);
    }

    @Test
    void theThrottleAndTheAuditTrailSeeEachClientsOwnAddress() throws IOException {
        for (int i = 1; i <= 5; i++) {
            signIn(PROXY, "203.0.113.7", "guess-" + i);
        }
        signIn(PROXY, "203.0.113.8", "someone-else");

        assertThat(jdbc.queryForList("SELECT DISTINCT source_address FROM audit_record WHERE target LIKE 'guess-%'", String.class))
                .containsOnly("203.0.113.7");
        assertThat(jdbc.queryForObject("SELECT outcome FROM audit_record WHERE target = 'guess-5'", String.class))
                .as("the guessing client is slowed down").isEqualTo("REFUSED");
        assertThat(jdbc.queryForMap("SELECT source_address, outcome FROM audit_record WHERE target = 'someone-else'"))
                .as("another client behind the same proxy is not").containsEntry("SOURCE_ADDRESS", "203.0.113.8")
                .containsEntry("OUTCOME", "FAILURE");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_record WHERE source_address = ?", Integer.class, PROXY)).isZero();
    }

    /** A failed sign-in through the form, as a browser would send it from {@code from} (via the proxy, for {@code client}). */
    private void signIn(String from, String client, String user) throws IOException {
        RawHttp.Response answer = signIn(from, client, user, "wrong");
        assertThat(answer.header("Location")).contains("/login?error");
    }

    private RawHttp.Response signIn(String from, String client, String user, String password) throws IOException {
        RawHttp.Response form = RawHttp.send(from, port, "GET", "/login", forwarded("https", client), null);
        Matcher token = CSRF.matcher(form.body());
        Matcher cookie = SIGN_IN_CSRF.matcher(form.header("Set-Cookie"));
        assertThat(token.find() && cookie.find()).isTrue();
        Map<String, String> headers = forwarded("https", client);
        headers.put("Cookie", cookie.group(1) + "=" + cookie.group(2));
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        RawHttp.Response answer = RawHttp.send(from, port, "POST", "/login", headers, "username=" + user + "&password="
                + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8) + "&_csrf="
                + java.net.URLEncoder.encode(token.group(1), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(302);
        return answer;
    }

    private static Map<String, String> forwarded(String proto, String client) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Forwarded-Proto", proto);
        headers.put("X-Forwarded-For", client);
        return headers;
    }
}
