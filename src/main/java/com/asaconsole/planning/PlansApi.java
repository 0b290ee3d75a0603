package com.asaconsole.planning;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The live plan and the stored versions as JSON; the same rules as the pages (everyone reads, admins store). */
@RestController
@RequestMapping(path = "/api/plans", produces = "application/json")
@Tag(name = "Plans", description = "The planned SPNs and findings of the current topology, and immutable stored versions")
class PlansApi {

    /** The plan of the topology as it is now, not stored. */
    record LivePlan(String contentHash, boolean blocked, Plan plan, com.asaconsole.topology.TopologySnapshot topology,
            Integer latestVersion, boolean storedAsLatest) {
    }

    /** A stored version without its document. */
    record VersionSummary(int number, String contentHash, String createdBy, Instant createdAt, boolean intact, boolean blocked,
            int spns, int findings) {
    }

    /** A stored version with its document and the difference from the version before it. */
    record VersionView(int number, String contentHash, String createdBy, Instant createdAt, boolean intact, boolean blocked,
            Plan plan, com.asaconsole.topology.TopologySnapshot topology, PlanVersions.Difference differenceFromPrevious) {
    }

    private final PlanVersions versions;

    PlansApi(PlanVersions versions) {
        this.versions = versions;
    }

    @GetMapping("/current")
    @Operation(summary = "The live plan of the current topology (nothing is stored)")
    LivePlan current() {
        PlanVersions.Live live = versions.currentWithHash();
        PlanDocument current = live.document();
        PlanVersions.Stored latest = versions.latest().orElse(null);
        return new LivePlan(live.contentHash(), current.plan().blocked(), current.plan(), current.topology(),
                latest == null ? null : latest.number(), latest != null && latest.contentHash().equals(live.contentHash()));
    }

    @GetMapping
    @Operation(summary = "Stored plan versions, newest first, a page at a time (page, size up to 20; Link and X-Total-Count headers)")
    ResponseEntity<List<VersionSummary>> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        org.springframework.data.domain.Page<PlanVersions.Summary> found = versions.summaries(
                org.springframework.data.domain.PageRequest.of(Math.max(0, page), Math.min(Math.max(1, size), 20)));
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().header("X-Total-Count", Long.toString(found.getTotalElements()));
        if (found.hasNext()) {
            answer.header(org.springframework.http.HttpHeaders.LINK, "</api/plans?page=" + (found.getNumber() + 1) + "&size="
                    + found.getSize() + ">; rel=\"next\"");
        }
        return answer.body(found.getContent().stream().map(s -> versions.view(s.number())).flatMap(java.util.Optional::stream)
                .map(PlansApi::summary).toList());
    }

    @GetMapping("/{number}")
    @Operation(summary = "One stored plan version; intact is false when the stored document no longer matches its hash")
    VersionView version(@PathVariable int number) {
        PlanVersions.Stored stored = versions.view(number)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no plan version " + number + "."));
        return new VersionView(stored.number(), stored.contentHash(), stored.createdBy(), stored.createdAt(), stored.intact(),
                stored.document().plan().blocked(), stored.document().plan(), stored.document().topology(),
                versions.differenceFromPrevious(stored));
    }

    @PostMapping
    @Operation(summary = "Store the live plan as a new version (admins); an unchanged plan answers 200 with the latest version")
    ResponseEntity<VersionSummary> store(Principal principal) {
        Integer before = versions.latest().map(PlanVersions.Stored::number).orElse(null);
        PlanVersions.Stored saved = versions.saveCurrent(principal.getName());
        VersionSummary body = summary(saved);
        if (before != null && before == saved.number()) {
            return ResponseEntity.ok(body);
        }
        return ResponseEntity.created(URI.create("/api/plans/" + saved.number())).body(body);
    }

    private static VersionSummary summary(PlanVersions.Stored s) {
        Plan plan = s.document().plan();
        return new VersionSummary(s.number(), s.contentHash(), s.createdBy(), s.createdAt(), s.intact(), plan.blocked(),
                plan.spns().size(), plan.findings().size());
    }
}
