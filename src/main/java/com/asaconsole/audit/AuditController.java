package com.asaconsole.audit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/** The reviewer's view of the trail (APPROVER, ADMIN): filters, keyset pages, verification, exports. */
@Controller
class AuditController {

    private final AuditSearch search;
    private final AuditVerifier verifier;
    private final AuditExport export;
    private final AuditTrail trail;

    AuditController(AuditSearch search, AuditVerifier verifier, AuditExport export, AuditTrail trail) {
        this.search = search;
        this.verifier = verifier;
        this.export = export;
        this.trail = trail;
    }

    @GetMapping("/audit")
    String page(@ModelAttribute("filter") AuditFilter filter, Model model) {
        fill(filter, model);
        return "audit/trail";
    }

    @HxRequest
    @GetMapping("/audit")
    String results(@ModelAttribute("filter") AuditFilter filter, Model model) {
        fill(filter, model);
        return "audit/trail :: results";
    }

    @GetMapping("/audit/verify")
    String verify(Model model) {
        model.addAttribute("verification", verifier.verify());
        return "audit/verify";
    }

    @GetMapping("/audit/export.csv")
    ResponseEntity<StreamingResponseBody> csv(@ModelAttribute AuditFilter filter) {
        return exported(filter, "csv", new MediaType("text", "csv", StandardCharsets.UTF_8),
                out -> export.csv(filter, out));
    }

    @GetMapping("/audit/export.json")
    ResponseEntity<StreamingResponseBody> json(@ModelAttribute AuditFilter filter) {
        return exported(filter, "json", MediaType.APPLICATION_JSON, out -> export.json(filter, out));
    }

    /** The export is recorded before the first byte leaves; if it can't be, there is no export (fail closed). */
    private ResponseEntity<StreamingResponseBody> exported(AuditFilter filter, String format, MediaType type,
            StreamingResponseBody body) {
        List<String> problems = filter.problems();
        if (!problems.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, String.join(" ", problems));
        }
        AuditEvent event = AuditEvent.of("audit.export", "audit trail").withDetail("format", format);
        for (Map.Entry<String, String> e : filter.withoutKeyset().describe().entrySet()) {
            event = event.withDetail(e.getKey(), e.getValue());
        }
        trail.record(event);
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-trail." + format + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }

    private void fill(AuditFilter filter, Model model) {
        List<String> problems = filter.problems();
        model.addAttribute("problems", problems);
        AuditSearch.Page page = problems.isEmpty() ? search.page(filter) : new AuditSearch.Page(List.of(), null);
        model.addAttribute("records", page.records());
        model.addAttribute("searchedDownTo", page.searchedDownTo());
        model.addAttribute("lines", page.records().stream().map(AuditLine::of).toList());
        model.addAttribute("actions", AuditActions.choices(filter.action()));
        model.addAttribute("olderUrl", page.olderThan() == null ? null : url("/audit", filter, page.olderThan()));
        model.addAttribute("newestUrl", filter.before() == null ? null : url("/audit", filter, null));
        model.addAttribute("csvUrl", url("/audit/export.csv", filter, null));
        model.addAttribute("jsonUrl", url("/audit/export.json", filter, null));
    }

    static String url(String path, AuditFilter f, Long before) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        param(b, "actor", f.actor());
        param(b, "action", f.action());
        param(b, "target", f.target());
        param(b, "change", f.change());
        param(b, "from", f.from());
        param(b, "to", f.to());
        if (before != null) {
            b.queryParam("before", before);
        }
        return b.encode().build().toUriString();
    }

    private static void param(UriComponentsBuilder b, String name, String value) {
        if (value != null) {
            b.queryParam(name, value);
        }
    }
}
