package com.asaconsole.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** How security refusals look to a JSON API client: RFC 9457 problem details with a sentence, never a page. */
final class ApiProblems {

    static final RequestMatcher API = PathPatternRequestMatcher.withDefaults().matcher("/api/**");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ApiProblems() {
    }

    static AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> write(request, response, HttpStatus.UNAUTHORIZED, "Sign in first",
                "Send an API token as Authorization: Bearer, or sign in through /login and send the session cookie with each request.");
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, e) -> {
            if (e instanceof CsrfException) {
                write(request, response, HttpStatus.FORBIDDEN, "CSRF token missing or wrong",
                        "Send the X-CSRF-TOKEN header with every POST, PUT and DELETE; GET /api/csrf gives its value for your session. Calls with an "
                                + "API token (Authorization: Bearer) need none.");
            } else {
                write(request, response, HttpStatus.FORBIDDEN, "Not allowed for your role",
                        "Your role may read this but not change it, or your API token's narrower role does not allow it; changes to the topology and "
                                + "plans are made by an Exchange admin, and the roles are the same for pages and the API.");
            }
        };
    }

    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(problem));
    }
}
