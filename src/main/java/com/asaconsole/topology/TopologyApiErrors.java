package com.asaconsole.topology;

import java.net.URI;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The topology API's refusals as RFC 9457 problem details: a sentence in {@code detail} and, for input,
 * an {@code errors} list of {field, message} with the same sentences the pages show. Anything not
 * handled here (an unreadable body: {@code input}'s advice) falls through to Boot's problem-details handler; no stack trace ever leaves.
 */
@RestControllerAdvice(assignableTypes = TopologyApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class TopologyApiErrors {

    static final URI INVALID = URI.create("urn:asa-console:problem:invalid-input");
    static final URI CONFLICT = URI.create("urn:asa-console:problem:edit-conflict");
    static final URI IN_USE = URI.create("urn:asa-console:problem:still-in-use");

    /** One field's sentence. {@code field} is null when the sentence is about the whole item. */
    record FieldError(String field, String message) {
    }

    /** Thrown before the editor is asked when an update does not say which version it replaces. */
    static final class VersionMissing extends RuntimeException {
        VersionMissing() {
            super("Send the version you read (the version field) so that a change made meanwhile is not overwritten.");
        }
    }

    static void requireVersion(Integer version) {
        if (version == null) {
            throw new VersionMissing();
        }
    }

    @ExceptionHandler(TopologyRejected.class)
    ProblemDetail rejected(TopologyRejected rejected) {
        return invalid(rejected.problems().stream().map(p -> new FieldError(p.field(), p.message())).toList());
    }

    @ExceptionHandler(VersionMissing.class)
    ProblemDetail versionMissing(VersionMissing missing) {
        return invalid(List.of(new FieldError("version", missing.getMessage())));
    }

    @ExceptionHandler(EditConflict.class)
    ProblemDetail conflict(EditConflict conflict) {
        String detail = conflict.currentVersion() == null
                ? conflict.what() + " was changed or deleted by someone else after you read it. Nothing was changed; read it again and retry."
                : conflict.what() + " was changed by someone else after you read it. Nothing was saved. It is now at version "
                        + conflict.currentVersion() + ": " + conflict.current() + ". Check those values, then send version "
                        + conflict.currentVersion() + " to overwrite them.";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setType(CONFLICT);
        problem.setTitle("Changed by someone else");
        if (conflict.currentVersion() != null) {
            problem.setProperty("currentVersion", conflict.currentVersion());
        }
        return problem;
    }

    @ExceptionHandler(StillInUse.class)
    ProblemDetail inUse(StillInUse inUse) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, inUse.getMessage());
        problem.setType(IN_USE);
        problem.setTitle("Still in use");
        return problem;
    }

    private static ProblemDetail invalid(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).message()
                : errors.size() + " values need attention; see errors for a sentence per field.";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(INVALID);
        problem.setTitle("Invalid input; nothing was saved");
        problem.setProperty("errors", errors);
        return problem;
    }
}
