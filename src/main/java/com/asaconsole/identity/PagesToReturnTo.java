package com.asaconsole.identity;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * The page someone asked for before signing in (a link in a notification mail to a change, say), kept in a
 * cookie instead of a session, so that requests of visitors who are not signed in create no session (see
 * {@link SessionOrCookieCsrfTokens}). Spring Security accepts only a path of this console from the cookie.
 * Only full pages are kept: not the API, not an htmx fragment, not a static file.
 */
final class PagesToReturnTo {

    private PagesToReturnTo() {
    }

    static RequestCache cache() {
        CookieRequestCache cache = new CookieRequestCache();
        cache.setRequestMatcher(PagesToReturnTo::isPage);
        cache.setCookieCustomizer(cookie -> cookie.setAttribute("SameSite", "Lax"));
        return cache;
    }

    static boolean isPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "GET".equals(request.getMethod()) && request.getHeader("HX-Request") == null && !ApiProblems.API.matches(request)
                && !path.startsWith("/css/") && !path.startsWith("/js/") && !path.startsWith("/img/")
                && !path.startsWith("/webjars/") && !path.contains("favicon")
                && !path.startsWith("/actuator");
    }
}
