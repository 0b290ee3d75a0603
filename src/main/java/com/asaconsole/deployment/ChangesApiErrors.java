package com.asaconsole.deployment;

import java.net.URI;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The change and job API's refusals as RFC 9457 problem details: four-eyes and state refusals (409) carry the
 * sentence the pages show, an unknown change or job is 404, unusable input 400 with the field. Nothing was changed
 * when one of these is answered.
 */
@RestControllerAdvice(assignableTypes = { ChangesApi.class, JobsApi.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class ChangesApiErrors {

    static final URI REFUSED = URI.create("urn:asa-console:problem:change-refused");
    static final URI NOT_FOUND = URI.create("urn:asa-console:problem:not-found");
    static final URI INVALID = URI.create("urn:asa-console:problem:invalid-input");

    record FieldError(String field, String message) {
    }

    static final class NotFound extends RuntimeException {
        NotFound(String sentence) {
            super(sentence);
        }
    }

    static final class Invalid extends RuntimeException {
        private final String field;

        Invalid(String field, String sentence) {
            super(sentence);
            this.field = field;
        }
    }

    @ExceptionHandler(ChangeRefused.class)
    ProblemDetail refused(ChangeRefused refused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, refused.getMessage());
        problem.setType(REFUSED);
        problem.setTitle("Refused; nothing was changed");
        return problem;
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound notFound) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, notFound.getMessage());
        problem.setType(NOT_FOUND);
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler(Invalid.class)
    ProblemDetail invalid(Invalid invalid) {
        return invalid(invalid.field, invalid.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return invalid(null, "The body is not valid JSON for this request; see the API description for its fields.");
    }

    private static ProblemDetail invalid(String field, String sentence) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, sentence);
        problem.setType(INVALID);
        problem.setTitle("Invalid input; nothing was changed");
        problem.setProperty("errors", List.of(new FieldError(field, sentence)));
        return problem;
    }
}
