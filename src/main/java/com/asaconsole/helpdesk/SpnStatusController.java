package com.asaconsole.helpdesk;

import java.util.List;

import com.asaconsole.directory.DirectoryException;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.directory.ForestSettings;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The helpdesk's SPN status page and the same answer as JSON. Read-only. */
@Controller
class SpnStatusController {

    static final int MAX_QUERY = 512;

    private final RecentLookups service;
    private final DirectorySettings settings;

    SpnStatusController(RecentLookups service, DirectorySettings settings) {
        this.service = service;
        this.settings = settings;
    }

    @GetMapping("/spn-status")
    String page(@RequestParam(required = false) String q, @RequestParam(required = false) String forest,
            @RequestParam(defaultValue = "false") boolean fresh, Model model) {
        fill(q, forest, fresh, model);
        return "helpdesk/spn-status";
    }

    @HxRequest
    @GetMapping("/spn-status")
    String results(@RequestParam(required = false) String q, @RequestParam(required = false) String forest,
            @RequestParam(defaultValue = "false") boolean fresh, Model model) {
        fill(q, forest, fresh, model);
        return "helpdesk/spn-status :: results";
    }

    @GetMapping(path = "/api/spn-status", produces = "application/json")
    @ResponseBody
    ResponseEntity<?> api(@RequestParam String q, @RequestParam(required = false) String forest,
            @RequestParam(defaultValue = "false") boolean fresh) {
        String problem = queryProblem(q);
        if (problem != null) {
            return problem(HttpStatus.BAD_REQUEST, problem);
        }
        String chosen = forest(settings.all(), forest);
        if (chosen == null) {
            return problem(HttpStatus.CONFLICT, "No directory connection is configured yet. An admin adds one under Directory.");
        }
        try {
            return ResponseEntity.ok(service.report(chosen, q, fresh));
        } catch (DirectoryException e) {
            return problem(HttpStatus.BAD_GATEWAY, e.getMessage());
        }
    }

    private void fill(String q, String forest, boolean fresh, Model model) {
        List<ForestSettings> forests = settings.all();
        String chosen = forest(forests, forest);
        model.addAttribute("forests", forests);
        model.addAttribute("forest", chosen);
        model.addAttribute("q", q == null ? "" : q);
        if (q == null || q.isBlank()) {
            return;
        }
        String problem = queryProblem(q);
        if (problem != null) {
            model.addAttribute("error", problem);
        } else if (chosen == null) {
            model.addAttribute("error", "No directory connection is configured yet. An admin adds one under Directory.");
        } else {
            try {
                model.addAttribute("report", service.report(chosen, q, fresh));
            } catch (DirectoryException e) {
                model.addAttribute("error", e.getMessage());
            }
        }
    }

    private static String forest(List<ForestSettings> forests, String requested) {
        return forests.stream().map(ForestSettings::forest).filter(f -> f.equalsIgnoreCase(requested == null ? "" : requested))
                .findFirst().orElse(forests.isEmpty() ? null : forests.get(0).forest());
    }

    private static String queryProblem(String q) {
        if (q == null || q.isBlank()) {
            return "Enter an SPN (http/mail.contoso.com), a host name (mail.contoso.com) or an account (EXCHASA$).";
        }
        if (q.length() > MAX_QUERY) {
            return "The search is too long (at most " + MAX_QUERY + " characters).";
        }
        if (q.indexOf('\0') >= 0) {
            return "The search contains a NUL character.";
        }
        return null;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        return ResponseEntity.status(status).body(problem);
    }
}
