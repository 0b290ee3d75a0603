package com.asaconsole.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * Where a CSRF token is kept: in the session once there is one (everyone signed in), and until then in a
 * short cookie, so that a visitor who is not signed in (the sign-in page, a link that leads to it) costs the
 * console no session. Before this, every anonymous GET of the sign-in page created a session that lived for
 * the idle timeout: a loop over {@code /login} filled a 256 MB heap within a minute (docs/performance.md).
 * <p>
 * The cookie is HttpOnly and SameSite=Strict; over HTTPS it is a {@code __Host-} cookie (Secure, path /, no
 * domain), which a neighbouring sub-domain cannot set. The form still carries the token, so the check is the
 * same double submit as before; after sign-in the session's own token replaces it (Spring Security changes
 * the token at authentication) and the cookie is cleared.
 */
final class SessionOrCookieCsrfTokens implements CsrfTokenRepository {

    static final String HEADER = "X-CSRF-TOKEN";
    static final String COOKIE = "ASA-SIGN-IN-CSRF";
    static final String SECURE_COOKIE = "__Host-" + COOKIE;

    private final HttpSessionCsrfTokenRepository sessions = new HttpSessionCsrfTokenRepository();
    private final CookieCsrfTokenRepository plain = cookies(COOKIE, false);
    private final CookieCsrfTokenRepository secure = cookies(SECURE_COOKIE, true);

    private static CookieCsrfTokenRepository cookies(String name, boolean secure) {
        CookieCsrfTokenRepository cookies = new CookieCsrfTokenRepository();
        cookies.setCookieName(name);
        cookies.setHeaderName(HEADER);
        cookies.setCookiePath("/");
        cookies.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Strict").secure(secure));
        return cookies;
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return sessions.generateToken(request);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            sessions.saveToken(token, request, response);
            if (token == null && cookie(request).loadToken(request) != null) {
                cookie(request).saveToken(null, request, response); // signed in: the pre-sign-in token is done with
            }
        } else {
            cookie(request).saveToken(token, request, response);
        }
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        return request.getSession(false) != null ? sessions.loadToken(request) : cookie(request).loadToken(request);
    }

    private CookieCsrfTokenRepository cookie(HttpServletRequest request) {
        return request.isSecure() ? secure : plain;
    }
}
