package com.asaconsole.input;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * An API handler's refusal as an RFC 9457 problem with a sentence an admin can act on: an item that does not exist
 * (404), input that can't be used (400, with the field in {@code errors}), or a request the rules refuse (409).
 * The input module's API advice answers it as it is; every API module throws these instead of keeping its own
 * exception types and advice. Nothing was changed when one is answered.
 */
public final class ApiRefusal extends RuntimeException {

    public static final URI NOT_FOUND = URI.create("urn:asa-console:problem:not-found");
    public static final URI INVALID = URI.create("urn:asa-console:problem:invalid-input");
    public static final URI REFUSED = URI.create("urn:asa-console:problem:refused");

    private final transient ProblemDetail problem;

    private ApiRefusal(HttpStatus status, URI type, String title, String sentence, String field) {
        super(sentence, null, false, false);
        this.problem = problem(status, type, title, sentence, field);
    }

    /** There is no such item (the sentence names it). */
    public static ApiRefusal notFound(String sentence) {
        return new ApiRefusal(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found", sentence, null);
    }

    /** A value that can't be used; {@code field} names it (null: the request as a whole). */
    public static ApiRefusal invalid(String field, String sentence) {
        return new ApiRefusal(HttpStatus.BAD_REQUEST, INVALID, "Invalid input; nothing was changed", sentence, field);
    }

    /** The rules refuse it now (state, four-eyes, your own account); the sentence says why. */
    public static ApiRefusal refused(String sentence) {
        return new ApiRefusal(HttpStatus.CONFLICT, REFUSED, "Refused; nothing was changed", sentence, null);
    }

    /** The answer, as problem details. */
    ProblemDetail problem() {
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, URI type, String title, String sentence, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, sentence);
        problem.setType(type);
        problem.setTitle(title);
        if (status == HttpStatus.BAD_REQUEST) {
            java.util.Map<String, String> error = new java.util.LinkedHashMap<>();
            error.put("field", field);
            error.put("message", sentence);
            problem.setProperty("errors", List.of(error));
        }
        return problem;
    }
}
