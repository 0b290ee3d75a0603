package com.asaconsole.audit;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RestController;

/** The trail and its verification as JSON (APPROVER, ADMIN). */
@RestController
class AuditApiController {

    private final AuditSearch search;
    private final AuditVerifier verifier;

    AuditApiController(AuditSearch search, AuditVerifier verifier) {
        this.search = search;
        this.verifier = verifier;
    }

    /**
     * @param records newest first
     * @param olderThan pass as {@code before} for the next page; null at the end. An actor or target search reads a
     *        window of the trail per page, so a page may hold fewer records than the page size, or none, and still have a next
     * @param next the next page's address, or null
     */
    record PageJson(List<AuditRecord> records, Long olderThan, String next) {
    }

    @GetMapping(path = "/api/audit", produces = "application/json")
    ResponseEntity<?> page(@ModelAttribute AuditFilter filter) {
        List<String> problems = filter.problems();
        if (!problems.isEmpty()) {
            return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.join(" ", problems)));
        }
        AuditSearch.Page page = search.page(filter);
        return ResponseEntity.ok(new PageJson(page.records(), page.olderThan(),
                page.olderThan() == null ? null : AuditController.url("/api/audit", filter, page.olderThan())));
    }

    @GetMapping(path = "/api/audit/verify", produces = "application/json")
    Verification verify() {
        return verifier.verify();
    }
}
