package com.asaconsole.identity;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The CSRF token of the caller's session for API clients (docs/adr/0005-api-csrf.md). Another origin can't
 * read this answer (no CORS), so handing it to whoever holds the session is safe.
 */
@RestController
@Tag(name = "Session")
class CsrfTokenApi {

    /** Send {@code token} in the header named {@code headerName} with every POST, PUT and DELETE. */
    record CsrfHeader(String headerName, String token) {
    }

    @GetMapping(path = "/api/csrf", produces = "application/json")
    @Operation(summary = "The CSRF header to send with writes in this session")
    CsrfHeader csrf(CsrfToken token) {
        return new CsrfHeader(token.getHeaderName(), token.getToken());
    }
}
