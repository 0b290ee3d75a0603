package com.asaconsole.deployment;


import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import java.util.List;
import java.util.Optional;

import com.asaconsole.deployment.changes.DeploymentProperties;
import com.asaconsole.deployment.executor.DeploymentMetrics;
import com.asaconsole.deployment.changes.ChangeRenderer;
import com.asaconsole.deployment.steps.ChangeOperations;
import com.asaconsole.deployment.steps.ChangeScope;
import com.asaconsole.audit.Actor;
import com.asaconsole.audit.AuditEvent;
import com.asaconsole.audit.AuditTrail;
import com.asaconsole.deployment.ChangeRequest.Kind;
import com.asaconsole.deployment.ChangeRequest.Status;
import com.asaconsole.identity.ConsoleUser;
import com.asaconsole.identity.Role;
import com.asaconsole.input.FieldLimits;
import com.asaconsole.planning.PlanVersions;
import com.asaconsole.formats.Sha256;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Four-eyes change control: an admin submits a stored plan version (the operations it will run are
 * frozen with a content hash); a different person with the APPROVER role approves exactly that
 * hash, for a limited time; an edited plan voids the approval. The one place where a change meets its table:
 * {@link Status} and {@link Kind} are stored by {@code name()} and read by {@code valueOf} (ADR 44).
 */
@Service
public class ChangeRequests {

    private final JdbcClient jdbc;
    private final PlanVersions plans;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration approvalValidity;
    private final FieldLimits limits;
    private final ChangeRenderer renderer;
    private final DeploymentMetrics metrics;
    private final ApplicationEventPublisher events;

    ChangeRequests(JdbcClient jdbc, PlanVersions plans, AuditTrail audit, Clock clock,
            DeploymentProperties properties, FieldLimits limits, ChangeRenderer renderer,
            DeploymentMetrics metrics, ApplicationEventPublisher events) {
        this.metrics = metrics;
        this.renderer = renderer;
        this.events = events;
        this.jdbc = jdbc;
        this.limits = limits;
        this.plans = plans;
        this.audit = audit;
        this.clock = clock;
        this.approvalValidity = properties.approvalValidity();
    }

    /** The correlation id that ties a change's audit records together (the audit trail's change filter). */
    public static String correlation(long id) {
        return "change-" + id;
    }

    /** Records a decision in the same transaction as the decision itself: no record, no decision (fail closed). */
    private void record(String action, ChangeRequest change, ConsoleUser by, String detailKey, String detail) {
        AuditEvent event = AuditEvent.of(action, "change " + change.id() + " (plan version " + change.planVersion() + ")")
                .by(new Actor(by.stableId(), by.displayName())).withCorrelation(correlation(change.id()))
                .withDetail("contentHash", change.contentHash());
        audit.record(detail == null ? event : event.withDetail(detailKey, detail));
        ChangeRequest now = find(change.id()).orElse(change);
        events.publishEvent(new DeploymentActivity(action, change.id(), null, now.status().name(), change.contentHash(), by.displayName(),
                "comment".equals(detailKey) || "reason".equals(detailKey) ? detail : null, clock.instant()));
    }

    /** Freezes plan version {@code number} and the operations of every step that applies. */
    @Transactional
    public ChangeRequest submit(int number, ConsoleUser by) {
        return submit(number, List.of(), by);
    }

    /**
     * Freezes plan version {@code number} with the chosen wizard steps (empty: every step that
     * applies) and the operations they will run.
     */
    @Transactional
    public ChangeRequest submit(int number, List<String> chosenSteps, ConsoleUser by) {
        return submit(number, chosenSteps, null, by);
    }

    /**
     * As {@link #submit(int, List, ConsoleUser)}, with the remote steps limited to some members:
     * {@code members} names an AD site, a CAS array, or server FQDNs (comma or space separated);
     * blank means every member of the plan. It is resolved to server names now and frozen with the change.
     */
    @Transactional
    public ChangeRequest submit(int number, List<String> chosenSteps, String members, ConsoleUser by) {
        if (!by.roles().contains(Role.ADMIN)) {
            throw new ChangeRefused("Only Exchange admins submit changes.");
        }
        PlanVersions.Stored version = submittable(number);
        List<String> steps = chosen(version, chosenSteps);
        List<String> scope = scope(version, members);
        ChangeOperations rendered = renderer.deployment(new ChangeScope(version.document(), scope, null), steps);
        rendered.refused().ifPresent(e -> {
            throw new ChangeRefused("The change can't be submitted: " + e.step() + " on " + e.target() + " can't run: "
                    + e.operation().text().strip() + " Fix the topology, store the plan and submit again.");
        });
        String operations = rendered.text();
        ChangeRequest submitted = insert(number, version.contentHash(), steps, operations, Kind.DEPLOY, null, scope, by);
        record("change.submitted", submitted, by, "planHash", submitted.planHash());
        events.publishEvent(new ChangeSubmitted(submitted.id(), submitted.planVersion(), by.displayName(), steps, Kind.DEPLOY));
        return submitted;
    }

    /** The wizard steps of a password roll: a new password to every member, AD only once all hold it, then Kerberos verified on each. */
    public static final List<String> ROLL_STEPS = List.of("deploy-credential", "verify");

    /**
     * What a roll of one ASA runs, rendered by the one rendering from a stored plan version: every
     * member of the ASA (DR included), the steps and their exact operations. Nothing is stored.
     */
    public record Roll(int planVersion, String asa, List<String> steps, List<String> members, String operations) {
    }

    @Transactional(readOnly = true)
    public Roll roll(int number, String asa) {
        PlanVersions.Stored version = submittable(number);
        var topology = version.document().topology();
        var account = topology.asaAccounts().stream().filter(a -> a.name().equalsIgnoreCase(asa)).findFirst()
                .orElseThrow(() -> new ChangeRefused("Plan version " + number + " has no ASA named " + asa + "."));
        List<String> members = topology.servers().stream().filter(s -> account.name().equals(s.asa())).map(s -> s.fqdn()).toList();
        if (members.isEmpty()) {
            throw new ChangeRefused("Plan version " + number + " gives " + account.name() + " no member, so there is nothing to roll.");
        }
        ChangeOperations rendered = renderer.deployment(new ChangeScope(version.document(), members, null), ROLL_STEPS);
        rendered.refused().ifPresent(e -> {
            throw new ChangeRefused("A roll of " + account.name() + " can't run: " + e.step() + " on " + e.target() + ": "
                    + e.operation().text().strip());
        });
        return new Roll(number, account.name(), ROLL_STEPS, members, rendered.text());
    }

    /**
     * A roll created under a standing approval (a rotation policy a reviewer approved): rendered again
     * from plan version {@code number}, it is stored only when its members and operations are exactly
     * the approved ones, and it is stored approved by that reviewer, naming the policy. Its approval
     * lasts no longer than the policy's.
     *
     * @throws ChangeRefused when the roll rendered now differs from the approved one (nothing is stored)
     */
    @Transactional
    public ChangeRequest submitApprovedRoll(int number, Roll approved, String policy, String approvedById, String approvedByName,
            Instant validUntil) {
        Roll now = roll(number, approved.asa());
        if (!now.members().equals(approved.members())) {
            throw new ChangeRefused("The members of " + approved.asa() + " are now " + now.members() + ", not the approved "
                    + approved.members() + ": " + policy + " no longer covers a roll. A reviewer approves a new policy.");
        }
        if (!now.operations().equals(approved.operations())) {
            throw new ChangeRefused("A roll of " + approved.asa() + " would now run other operations than " + policy
                    + " approved: a reviewer approves a new policy.");
        }
        PlanVersions.Stored version = submittable(number);
        ConsoleUser scheduler = new ConsoleUser("rotation:" + policy, "rotation", "Scheduled roll (" + policy + ")", ConsoleUser.Method.SYSTEM,
                java.util.EnumSet.of(Role.ADMIN));
        ChangeRequest submitted = insert(number, version.contentHash(), now.steps(), now.operations(), Kind.DEPLOY, null,
                now.members(), scheduler);
        record("change.submitted", submitted, scheduler, "rotationPolicy", policy);
        Instant expires = validUntil.isBefore(clock.instant().plus(approvalValidity)) ? validUntil : clock.instant().plus(approvalValidity);
        jdbc.sql("UPDATE change_request SET status = :approved, decided_by_id = :byId, decided_by_name = :byName, decided_at = :now, "
                + "decision_comment = :comment, approved_hash = content_hash, approval_expires = :expires, version = version + 1 "
                + "WHERE id = :id").param("approved", Status.APPROVED.name()).param("byId", approvedById).param("byName", approvedByName).param("now", now())
                .param("comment", "Approved in advance by " + approvedByName + " under " + policy + " (a standing approval of this roll)")
                .param("expires", expires.atOffset(ZoneOffset.UTC)).param("id", submitted.id()).update();
        ChangeRequest decided = find(submitted.id()).orElseThrow();
        record("change.approved", decided, new ConsoleUser(approvedById, approvedById, approvedByName, ConsoleUser.Method.POLICY, java.util.Set.of()),
                "rotationPolicy", policy);
        return decided;
    }

    private PlanVersions.Stored submittable(int number) {
        PlanVersions.Stored version = plans.find(number).orElseThrow(() -> new ChangeRefused("There is no plan version " + number + "."));
        if (!version.intact()) {
            throw new ChangeRefused("Plan version " + number + " was altered after it was stored (its hash no longer matches); "
                    + "store the plan again and submit the new version.");
        }
        if (version.document().plan().blocked()) {
            throw new ChangeRefused("Plan version " + number + " has " + version.document().plan().blocking().size()
                    + " BLOCK finding(s) and can't be submitted. Fix them in the topology and store a new version.");
        }
        return version;
    }

    /**
     * The rollback of an aborted job, as a new change that needs its own review: it names exactly
     * what the job applied. Nothing is undone until someone approves it and an admin runs it.
     */
    @Transactional
    public ChangeRequest submitRollback(ChangeRequest of, long jobId, String operations, List<String> steps, ConsoleUser by) {
        ChangeRequest submitted = insert(of.planVersion(), of.planHash(), steps, operations, Kind.ROLLBACK, jobId, List.of(), by);
        record("change.submitted", submitted, by, "rollbackOfJob", Long.toString(jobId));
        events.publishEvent(new ChangeSubmitted(submitted.id(), submitted.planVersion(), by.displayName(), steps, Kind.ROLLBACK));
        return submitted;
    }

    private ChangeRequest insert(int planVersion, String planHash, List<String> steps, String operations, Kind kind, Long rollbackOf,
            List<String> members, ConsoleUser by) {
        String joined = String.join(",", members);
        limits.problem("change_request", "members", joined).ifPresent(p -> {
            throw new ChangeRefused("The chosen members are too many to freeze in one change (" + members.size()
                    + " servers; " + p + ") Choose fewer members, e.g. one AD site or CAS array per change.");
        });
        limits.problem("change_request", "operations", operations).ifPresent(p -> {
            throw new ChangeRefused("The operations of these steps are too long to freeze in one change (" + p
                    + ") Choose fewer steps or members per change.");
        });
        String contentHash = sha256(planHash + "\n" + kind.name() + "\n" + String.join(",", steps) + "\n" + String.join(",", members) + "\n"
                + operations);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO change_request (plan_version, plan_hash, content_hash, operations, submitted_by_id, submitted_by_name, "
                + "submitted_at, status, version, steps, kind, rollback_of, members) VALUES (:n, :planHash, :hash, :ops, :byId, :byName, :now, "
                + ":submitted, 0, :steps, :kind, :rollbackOf, :members)")
                .param("n", planVersion).param("planHash", planHash).param("hash", contentHash).param("ops", operations)
                .param("byId", by.stableId()).param("byName", by.displayName()).param("now", now())
                .param("submitted", Status.SUBMITTED.name()).param("steps", String.join(",", steps)).param("kind", kind.name()).param("rollbackOf", rollbackOf)
                .param("members", members.isEmpty() ? null : String.join(",", members)).update(keys, "id");
        return find(keys.getKey().longValue()).orElseThrow();
    }

    /** The servers a site, a CAS array or a list names, checked against the plan; empty for all. */
    private static List<String> scope(PlanVersions.Stored version, String members) {
        if (members == null || members.isBlank()) {
            return List.of();
        }
        var topology = version.document().topology();
        String wanted = members.trim();
        List<String> site = topology.servers().stream().filter(s -> wanted.equalsIgnoreCase(s.site())).map(s -> s.fqdn()).toList();
        if (!site.isEmpty()) {
            return site;
        }
        var array = topology.casArrays().stream().filter(a -> wanted.equalsIgnoreCase(a.fqdn())).findFirst();
        if (array.isPresent()) {
            return array.get().members();
        }
        List<String> named = new java.util.ArrayList<>();
        for (String name : wanted.split("[,\\s]+")) {
            String fqdn = topology.servers().stream().map(s -> s.fqdn()).filter(f -> f.equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new ChangeRefused("Plan version " + version.number() + " has no server, AD site or CAS array named "
                            + name + "."));
            if (!named.contains(fqdn)) {
                named.add(fqdn);
            }
        }
        return named;
    }

    /** The chosen wizard steps in wizard order, each one that applies to the plan; empty means all that apply. */
    private static List<String> chosen(PlanVersions.Stored version, List<String> chosenSteps) {
        ChangeScope whole = ChangeScope.of(version.document());
        List<String> applicable = WizardSteps.ALL.stream().filter(d -> WizardSteps.applies(d, whole)).map(WizardSteps.Definition::key).toList();
        if (chosenSteps == null || chosenSteps.isEmpty()) {
            return applicable.stream().filter(k -> !WizardSteps.find(k).onRequest()).toList();
        }
        for (String key : chosenSteps) {
            if (!WizardSteps.keys().contains(key)) {
                throw new ChangeRefused("There is no wizard step " + key + ".");
            }
            if (!applicable.contains(key)) {
                throw new ChangeRefused("The wizard step " + key + " does not apply to plan version " + version.number() + ".");
            }
        }
        return applicable.stream().filter(chosenSteps::contains).toList();
    }

    /**
     * Approves exactly the content hash the approver saw. Refused for the submitter (by stable id, whatever
     * roles they hold), without the APPROVER role, for a changed or decided request. Of two approvers
     * clicking at once, exactly one wins.
     */
    @Transactional
    public ChangeRequest approve(long id, String seenHash, ConsoleUser by, String comment) {
        return decide(id, seenHash, by, comment, Status.APPROVED);
    }

    @Transactional
    public ChangeRequest reject(long id, String seenHash, ConsoleUser by, String comment) {
        return decide(id, seenHash, by, comment, Status.REJECTED);
    }

    private ChangeRequest decide(long id, String seenHash, ConsoleUser by, String comment, Status decision) {
        ChangeRequest change = find(id).orElseThrow(() -> new ChangeRefused("There is no change " + id + "."));
        if (!by.roles().contains(Role.APPROVER)) {
            throw new ChangeRefused("Only change reviewers (APPROVER) approve or reject changes.");
        }
        if (change.submittedById().equals(by.stableId())) {
            throw new ChangeRefused("You submitted this change, so someone else must review it (four-eyes rule).");
        }
        if (!change.contentHash().equals(seenHash)) {
            throw new ChangeRefused("The change is not the one you reviewed (its content hash differs). Reload it and review again.");
        }
        if (decision == Status.APPROVED && (comment == null || comment.isBlank())) {
            comment = "approved";
        }
        if (decision == Status.REJECTED && (comment == null || comment.isBlank())) {
            throw new ChangeRefused("Say why you reject the change, so the admin can fix it.");
        }
        limits.problem("change_request", "decision_comment", comment).ifPresent(p -> {
            throw new ChangeRefused("The comment can't be stored: " + p);
        });
        int updated = jdbc.sql("UPDATE change_request SET status = :decision, decided_by_id = :byId, decided_by_name = :byName, "
                + "decided_at = :now, decision_comment = :comment, approved_hash = :hash, approval_expires = :expires, version = version + 1 "
                + "WHERE id = :id AND status = :submitted AND version = :version")
                .param("decision", decision.name()).param("submitted", Status.SUBMITTED.name()).param("byId", by.stableId())
                .param("byName", by.displayName()).param("now", now())
                .param("comment", comment).param("hash", decision == Status.APPROVED ? change.contentHash() : null)
                .param("expires", decision == Status.APPROVED
                        ? clock.instant().plus(approvalValidity).atOffset(ZoneOffset.UTC) : null)
                .param("id", id).param("version", change.version()).update();
        if (updated != 1) {
            ChangeRequest now = find(id).orElseThrow();
            throw new ChangeRefused("Change " + id + " was already " + now.status().name().toLowerCase() + " by " + now.decidedByName() + ".");
        }
        ChangeRequest decided = find(id).orElseThrow();
        record(decision == Status.APPROVED ? "change.approved" : "change.rejected", decided, by, "comment", comment);
        metrics.decided(decision, Duration.between(decided.submittedAt(), decided.decidedAt()));
        return decided;
    }

    /**
     * An admin takes back a change that has not run: submitted or approved, no job yet. It can't be approved or run
     * afterwards; the reason is recorded. Refused once a job exists (abort the job instead).
     */
    @Transactional
    public ChangeRequest withdraw(long id, ConsoleUser by, String reason) {
        ChangeRequest change = find(id).orElseThrow(() -> new ChangeRefused("There is no change " + id + "."));
        if (!by.roles().contains(Role.ADMIN)) {
            throw new ChangeRefused("Only Exchange admins withdraw changes.");
        }
        if (!change.status().open()) {
            throw new ChangeRefused("Change " + id + " is " + change.status().name().toLowerCase() + "; only a submitted or approved change can be withdrawn.");
        }
        // no job may exist: once one does, the way back is to abort it (its rollback is a change of its own)
        int updated = jdbc.sql("UPDATE change_request SET status = :withdrawn, approved_hash = NULL, version = version + 1 "
                + "WHERE id = :id AND version = :version AND NOT EXISTS (SELECT 1 FROM deployment_job WHERE change_id = :id)")
                .param("withdrawn", Status.WITHDRAWN.name()).param("id", id).param("version", change.version()).update();
        if (updated != 1) {
            throw new ChangeRefused("Change " + id + " has run, is running or was changed meanwhile; reload it (to stop a job, abort it).");
        }
        ChangeRequest withdrawn = find(id).orElseThrow();
        record("change.withdrawn", withdrawn, by, "reason", reason == null || reason.isBlank() ? "no reason given" : reason);
        return withdrawn;
    }

    /** True when the topology gives another plan now than the one this deployment froze (a rollback never is). */
    public boolean topologyChangedSince(ChangeRequest change) {
        return !change.rollback() && !plans.current().contentHash().equals(change.planHash());
    }

    /**
     * Whether the change may run now: approved, not expired, and the plan it froze is still what the
     * topology gives (any edit since voids the approval). Empty when it may; otherwise the reason.
     */
    public Optional<String> whyNotRunnable(long id) {
        ChangeRequest change = find(id).orElseThrow(() -> new ChangeRefused("There is no change " + id + "."));
        if (change.status() != Status.APPROVED) {
            return Optional.of("Change " + id + " is " + change.status().name().toLowerCase() + ", not approved.");
        }
        if (!change.contentHash().equals(change.approvedHash())) {
            return Optional.of("The approval is for other content than the change holds.");
        }
        if (clock.instant().isAfter(change.approvalExpires())) {
            return Optional.of("The approval expired on " + change.approvalExpires() + "; ask for a new review.");
        }
        // a rollback undoes what a job did, whatever the topology says now; a deployment's topology must be unedited
        if (!change.rollback() && !plans.currentTopologyHash().equals(plans.find(change.planVersion())
                .map(v -> v.document().topologyHash()).orElse(""))) {
            return Optional.of("The topology changed since plan version " + change.planVersion()
                    + " was approved, which voids the approval. Store a new plan version and submit it.");
        }
        return Optional.empty();
    }

    public Optional<ChangeRequest> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(ChangeRequests::row).optional();
    }

    /** The newest open changes (submitted, or approved and not withdrawn), at most {@code limit}, newest first. */
    public List<ChangeRequest> open(int limit) {
        return jdbc.sql(SELECT + " WHERE status IN (:submitted, :approved) ORDER BY id DESC LIMIT :limit").param("limit", limit)
                .param("submitted", Status.SUBMITTED.name()).param("approved", Status.APPROVED.name())
                .query(ChangeRequests::row).list();
    }

    /** The newest change of this plan version that was neither rejected nor withdrawn. */
    public Optional<ChangeRequest> latestFor(int planVersion) {
        return jdbc.sql(SELECT + " WHERE plan_version = :v AND status NOT IN (:rejected, :withdrawn) ORDER BY id DESC LIMIT 1")
                .param("v", planVersion).param("rejected", Status.REJECTED.name()).param("withdrawn", Status.WITHDRAWN.name())
                .query(ChangeRequests::row).optional();
    }

    public List<ChangeRequest> all() {
        return jdbc.sql(SELECT + " ORDER BY id DESC").query(ChangeRequests::row).list();
    }

    /** One page of the changes, newest first. */
    public org.springframework.data.domain.Page<ChangeRequest> page(org.springframework.data.domain.Pageable page) {
        List<ChangeRequest> rows = jdbc.sql(SELECT + " ORDER BY id DESC LIMIT :size OFFSET :offset")
                .param("size", page.getPageSize()).param("offset", page.getOffset()).query(ChangeRequests::row).list();
        long total = jdbc.sql("SELECT COUNT(*) FROM change_request").query(Long.class).single();
        return new org.springframework.data.domain.PageImpl<>(rows, page, total);
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    static String sha256(String text) {
        return Sha256.hex(text);
    }

    private static final String SELECT = "SELECT id, plan_version, plan_hash, content_hash, operations, submitted_by_id, "
            + "submitted_by_name, submitted_at, status, decided_by_id, decided_by_name, decided_at, decision_comment, "
            + "approved_hash, approval_expires, version, steps, kind, rollback_of, members FROM change_request";

    private static ChangeRequest row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new ChangeRequest(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), instant(rs, 8), Status.valueOf(rs.getString(9)), rs.getString(10), rs.getString(11), instant(rs, 12),
                rs.getString(13), rs.getString(14), instant(rs, 15), rs.getInt(16),
                rs.getString(17) == null || rs.getString(17).isEmpty() ? List.of() : List.of(rs.getString(17).split(",")),
                Kind.valueOf(rs.getString(18)), (Long) rs.getObject(19, Long.class),
                rs.getString(20) == null || rs.getString(20).isEmpty() ? List.of() : List.of(rs.getString(20).split(",")));
    }

    private static Instant instant(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
