package com.asaconsole.input;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.ModelAndView;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Input that got past a form's own checks and does not fit the database: 400 with a sentence per
 * field (problem details on the API, the error page otherwise), never a 500, and never the value
 * in the log. An API handler's {@link ApiRefusal} is answered here too. A database refusal of the same kind (a constraint) is answered the same way; its
 * text is not logged, since the databases quote the offending value in it.
 */
final class InputRejectedAdvice {

    static final URI INVALID = URI.create("urn:asa-console:problem:invalid-input");

    private static final Logger log = LoggerFactory.getLogger(InputRejectedAdvice.class);

    private InputRejectedAdvice() {
    }

    /** What the answer says: status, title, a sentence, the fields. */
    record Answer(HttpStatus status, String title, String detail, List<FieldLimits.Violation> violations) {

        static Answer of(InputRejected rejected) {
            List<FieldLimits.Violation> v = rejected.violations();
            return new Answer(HttpStatus.BAD_REQUEST, "Invalid input; nothing was saved",
                    v.size() == 1 ? v.get(0).field() + ": " + v.get(0).message()
                            : v.size() + " values need attention; see errors for a sentence per field.", v);
        }

        static Answer of(DataIntegrityViolationException e, HttpServletRequest request) {
            boolean duplicate = e instanceof DuplicateKeyException;
            log.warn("The database refused a write on {} {} ({}); nothing was saved", request.getMethod(), request.getRequestURI(),
                    duplicate ? "a duplicate" : e.getClass().getSimpleName());
            return duplicate
                    ? new Answer(HttpStatus.CONFLICT, "Already exists",
                            "Something with this name was saved meanwhile; nothing was saved. Reload and check.", List.of())
                    : new Answer(HttpStatus.BAD_REQUEST, "Invalid input; nothing was saved",
                            "The database refused a value (too long, or a reference that no longer exists); nothing was saved.",
                            List.of());
        }
    }

    /** The JSON API's answer: RFC 9457 problem details with an {@code errors} list. */
    @RestControllerAdvice(annotations = RestController.class)
    @Order(Ordered.LOWEST_PRECEDENCE - 20)
    static class Api {

        @ExceptionHandler(InputRejected.class)
        ProblemDetail rejected(InputRejected rejected) {
            return problem(Answer.of(rejected));
        }

        @ExceptionHandler(DataIntegrityViolationException.class)
        ProblemDetail refused(DataIntegrityViolationException e, HttpServletRequest request) {
            return problem(Answer.of(e, request));
        }

        private static ProblemDetail problem(Answer answer) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(answer.status(), answer.detail());
            problem.setType(INVALID);
            problem.setTitle(answer.title());
            problem.setProperty("errors", answer.violations());
            return problem;
        }
    }

    /**
     * An API handler's refusal and a body that can't be read, answered before Boot's problem-details handler (which
     * would answer the latter with "Failed to read request" and no field).
     */
    @RestControllerAdvice(annotations = RestController.class)
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    static class ApiRefusals {

        @ExceptionHandler(ApiRefusal.class)
        ProblemDetail refusal(ApiRefusal refusal) {
            return refusal.problem();
        }

        /** A body Jackson can't read: the field and what it wants where the path is known, else a sentence on the whole. */
        @ExceptionHandler(HttpMessageNotReadableException.class)
        ProblemDetail unreadable(HttpMessageNotReadableException e) {
            String field = null;
            String message = "The body is not valid JSON for this request; send a JSON object with the fields the API description names.";
            if (e.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                field = jackson.getPath().stream().map(JacksonException.Reference::getPropertyName).filter(n -> n != null)
                        .collect(Collectors.joining("."));
                field = field.isEmpty() ? null : field;
                message = "This value can't be read here; check its type.";
                if (jackson instanceof InvalidFormatException format && format.getTargetType() != null) {
                    message = format.getTargetType().isEnum()
                            ? "Use one of " + Arrays.stream(format.getTargetType().getEnumConstants()).map(Object::toString)
                                    .collect(Collectors.joining(", ")) + "."
                            : "Enter a " + format.getTargetType().getSimpleName().toLowerCase(Locale.ROOT) + " here.";
                }
            }
            return Api.problem(new Answer(HttpStatus.BAD_REQUEST, "Invalid input; nothing was saved", message,
                    List.of(new FieldLimits.Violation(field, message))));
        }
    }

    /** The pages' answer: the request error page with the sentences. */
    @ControllerAdvice
    @Order(Ordered.LOWEST_PRECEDENCE - 10)
    static class Pages {

        @ExceptionHandler(InputRejected.class)
        ModelAndView rejected(InputRejected rejected) {
            return page(Answer.of(rejected));
        }

        @ExceptionHandler(DataIntegrityViolationException.class)
        ModelAndView refused(DataIntegrityViolationException e, HttpServletRequest request) {
            return page(Answer.of(e, request));
        }

        private static ModelAndView page(Answer answer) {
            ModelAndView page = new ModelAndView("error/4xx", answer.status());
            page.addObject("problems", answer.violations().isEmpty() ? List.of(answer.detail())
                    : answer.violations().stream().map(v -> v.field() + ": " + v.message()).toList());
            return page;
        }
    }
}
