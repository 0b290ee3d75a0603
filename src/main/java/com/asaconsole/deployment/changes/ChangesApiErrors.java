package com.asaconsole.deployment.changes;

import com.asaconsole.deployment.ChangeRefused;
import com.asaconsole.deployment.executor.JobsApi;
import java.net.URI;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The change and job API's four-eyes and state refusals (409) as RFC 9457 problem details with the sentence the pages
 * show. An unknown change or job and unusable input are {@link com.asaconsole.input.ApiRefusal}s, as in every API.
 * Nothing was changed when one of these is answered.
 */
@RestControllerAdvice(assignableTypes = { ChangesApi.class, JobsApi.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class ChangesApiErrors {

    static final URI REFUSED = URI.create("urn:asa-console:problem:change-refused");

    @ExceptionHandler(ChangeRefused.class)
    ProblemDetail refused(ChangeRefused refused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, refused.getMessage());
        problem.setType(REFUSED);
        problem.setTitle("Refused; nothing was changed");
        return problem;
    }
}
