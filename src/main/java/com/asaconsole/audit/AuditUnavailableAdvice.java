package com.asaconsole.audit;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** Any action refused because its audit record could not be written: 503 with a sentence, for pages and the API. */
@ControllerAdvice
class AuditUnavailableAdvice {

    static final String SENTENCE = "The console refused this action because it cannot record it in the audit trail. "
            + "Nothing was changed. Try again later or tell an administrator.";

    private static final Logger log = LoggerFactory.getLogger(AuditUnavailableAdvice.class);

    @ExceptionHandler(exception = AuditUnavailable.class, produces = "text/html")
    ModelAndView page(AuditUnavailable e) {
        log.error("Action refused: {}", e.getMessage());
        ModelAndView mav = new ModelAndView("audit/unavailable");
        mav.addObject("message", SENTENCE);
        mav.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
        return mav;
    }

    @ExceptionHandler(AuditUnavailable.class)
    ResponseEntity<ProblemDetail> problem(AuditUnavailable e) {
        log.error("Action refused: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, SENTENCE));
    }
}
