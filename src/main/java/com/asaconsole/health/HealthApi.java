package com.asaconsole.health;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The estate checks for scripts and monitoring: the latest round's verdict per namespace SPN, member and ASA with the
 * evidence each check read, what drifted since the round before, recent rounds, and a round on demand. It reads what
 * {@link EstateHealth} gives the health page; nothing here writes to AD or a server.
 */
@RestController
@RequestMapping(path = "/api/health", produces = "application/json")
@Tag(name = "Estate checks", description = "Kerberos health of the estate: verdicts with evidence, drift, rounds on demand")
class HealthApi {

    static final int MAX_ROUNDS = 100;

    /**
     * The latest round and its subjects; {@code round} is null and {@code subjects} empty before the first round.
     * {@code drifted}: checks that got worse since the round before.
     */
    record ReportView(RoundView round, Long previousRound, long drifted, List<SubjectView> subjects) {
    }

    /** A round: {@code verdict} is the worst of its checks; {@code note} says why a round checked nothing. */
    record RoundView(long id, Instant startedAt, Instant finishedAt, HealthRound.Trigger trigger, Integer planVersion, String note, int ok, int warn,
            int fail, String verdict) {
    }

    /** A namespace SPN, member or ASA ({@code kind}) with the verdict of its worst check. */
    record SubjectView(String kind, String name, String group, String verdict, boolean drifted, List<CheckView> checks) {
    }

    /**
     * One check: {@code cause} is a stable code ({@code OK} when it passed), {@code evidence} what was read and where,
     * {@code since} when a check that is not OK first came out this way; the logon counts only for the logon check.
     */
    record CheckView(String check, String title, String verdict, String cause, String sentence, String evidence, String fix,
            Instant readAt, boolean drifted, Instant since, Long kerberosLogons, Long ntlmLogons) {
    }

    private final EstateHealth health;

    HealthApi(EstateHealth health) {
        this.health = health;
    }

    @GetMapping
    @Operation(summary = "The latest round's verdicts per namespace SPN, member and ASA, with evidence and drift")
    ReportView latest() {
        return health.report().map(HealthApi::view).orElse(new ReportView(null, null, 0, List.of()));
    }

    @GetMapping("/rounds")
    @Operation(summary = "Recent rounds, newest first (at most 100)")
    List<RoundView> rounds(@RequestParam(defaultValue = "10") int count) {
        return health.history(Math.max(1, Math.min(count, MAX_ROUNDS))).stream().map(HealthApi::view).toList();
    }

    @PostMapping("/check")
    @Operation(summary = "Ask for a check round now; one console node runs it within seconds (Exchange admins and helpdesk)")
    @ApiResponse(responseCode = "202", description = "Asked for; poll GET /api/health until its round is the latest")
    ResponseEntity<Void> checkNow() {
        if (!health.checkNow()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "A check round is running right now (or no console node runs "
                    + "rounds yet); its results appear under GET /api/health when it ends.");
        }
        return ResponseEntity.accepted().location(URI.create("/api/health")).build();
    }

    private static ReportView view(EstateHealth.Report report) {
        return new ReportView(view(report.round()), report.previous() == null ? null : report.previous().id(), report.drifted(),
                report.subjects().stream().map(s -> new SubjectView(s.kind().name(), s.name(), s.group(), s.verdict().name(), s.drifted(),
                        s.checks().stream().map(HealthApi::view).toList())).toList());
    }

    private static RoundView view(HealthRound r) {
        return new RoundView(r.id(), r.startedAt(), r.finishedAt(), r.trigger(), r.planVersion(), r.note(), r.ok(), r.warn(), r.fail(),
                r.verdict().name());
    }

    private static CheckView view(EstateHealth.Check c) {
        CheckResult r = c.result();
        return new CheckView(r.check(), r.checkTitle(), r.verdict().name(), r.cause(), r.sentence(), r.evidence(), r.fix(), r.readAt(),
                c.drifted(), c.since(), r.kerberosLogons(), r.ntlmLogons());
    }
}
