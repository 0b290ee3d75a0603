package com.asaconsole.rotation;


import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import java.util.List;
import java.util.Optional;

import com.asaconsole.audit.Actor;
import com.asaconsole.audit.AuditEvent;
import com.asaconsole.audit.AuditTrail;
import com.asaconsole.deployment.ChangeRequests;
import com.asaconsole.identity.ConsoleUser;
import com.asaconsole.identity.Role;
import com.asaconsole.planning.PlanVersions;
import com.asaconsole.formats.Sha256;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rotation policies: an admin submits one for an ASA (the roll rendered from the latest stored plan
 * version), a different person with the APPROVER role approves exactly the content hash they saw.
 * The same four-eyes rules as a change (ChangeRequests), once for every roll the policy covers.
 */
@Service
public class RotationPolicies {

    static final Duration SHORTEST_INTERVAL = Duration.ofSeconds(10);
    /** The columns' sizes (V81), so a policy is refused with a sentence rather than failing in the database. */
    static final int MAX_OPERATIONS = 1_000_000;
    static final int MAX_MEMBERS = 100_000;

    private final JdbcClient jdbc;
    private final PlanVersions plans;
    private final ChangeRequests changes;
    private final AuditTrail audit;
    private final Clock clock;

    RotationPolicies(JdbcClient jdbc, PlanVersions plans, ChangeRequests changes, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.plans = plans;
        this.changes = changes;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Freezes a roll of {@code asa} as the latest stored plan version renders it, with its interval and
     * validity, for review.
     */
    @Transactional
    public RotationPolicy submit(String asa, Duration interval, Duration validity, ConsoleUser by) {
        if (!by.roles().contains(Role.ADMIN)) {
            throw new PolicyRefused("Only Exchange admins submit rotation policies.");
        }
        if (asa == null || asa.isBlank()) {
            throw new PolicyRefused("Choose the ASA whose password the policy rolls.");
        }
        if (interval == null || interval.compareTo(SHORTEST_INTERVAL) < 0) {
            throw new PolicyRefused("The rotation interval must be at least " + SHORTEST_INTERVAL.toSeconds() + " seconds.");
        }
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new PolicyRefused("Say how long the standing approval lasts (e.g. 365 days).");
        }
        int number = plans.latestNumber().orElseThrow(() -> new PolicyRefused("Store a plan first: a roll is rendered from a stored plan version."));
        ChangeRequests.Roll roll = changes.roll(number, asa);
        if (roll.operations().length() > MAX_OPERATIONS || String.join(",", roll.members()).length() > MAX_MEMBERS) {
            throw new PolicyRefused("A roll of " + roll.asa() + " over " + roll.members().size() + " members is too large to freeze in one "
                    + "policy; split the ASA's members between ASAs.");
        }
        Instant validUntil = clock.instant().plus(validity);
        String hash = hash(roll, interval, validUntil);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO rotation_policy (asa, plan_version, steps, members, operations, interval_seconds, valid_until, content_hash, "
                + "status, submitted_by_id, submitted_by_name, submitted_at, version) VALUES (:asa, :n, :steps, :members, :ops, :interval, "
                + ":until, :hash, :submitted, :byId, :byName, :now, 0)")
                .param("submitted", RotationPolicy.Status.SUBMITTED.name()).param("asa", roll.asa()).param("n", number)
                .param("steps", String.join(",", roll.steps())).param("members", String.join(",", roll.members()))
                .param("ops", roll.operations()).param("interval", interval.toSeconds()).param("until", time(validUntil))
                .param("hash", hash).param("byId", by.stableId()).param("byName", by.displayName()).param("now", time(clock.instant()))
                .update(key, "id");
        RotationPolicy policy = find(key.getKey().longValue()).orElseThrow();
        record("rotation.policy-submitted", policy, by, "interval", interval.toString());
        return policy;
    }

    /** Approves exactly the hash the reviewer saw; refused for the submitter, without APPROVER, or for a decided policy. */
    @Transactional
    public RotationPolicy approve(long id, String seenHash, ConsoleUser by) {
        RotationPolicy policy = find(id).orElseThrow(() -> new PolicyRefused("There is no rotation policy " + id + "."));
        if (!by.roles().contains(Role.APPROVER)) {
            throw new PolicyRefused("Only change reviewers (APPROVER) approve rotation policies.");
        }
        if (policy.submittedById().equals(by.stableId())) {
            throw new PolicyRefused("You submitted this rotation policy, so someone else must review it (four-eyes rule).");
        }
        if (!policy.contentHash().equals(seenHash)) {
            throw new PolicyRefused("The policy is not the one you reviewed (its content hash differs). Reload it and review again.");
        }
        int updated = jdbc.sql("UPDATE rotation_policy SET status = :approved, decided_by_id = :byId, decided_by_name = :byName, "
                + "decided_at = :now, version = version + 1 WHERE id = :id AND status = :submitted AND version = :version")
                .param("approved", RotationPolicy.Status.APPROVED.name()).param("submitted", RotationPolicy.Status.SUBMITTED.name())
                .param("byId", by.stableId()).param("byName", by.displayName()).param("now", time(clock.instant())).param("id", id)
                .param("version", policy.version()).update();
        if (updated != 1) {
            throw new PolicyRefused("Rotation policy " + id + " was already decided or changed meanwhile; reload it.");
        }
        // one approved policy per ASA: an older one is replaced by the newer approval
        jdbc.sql("UPDATE rotation_policy SET status = :void, void_reason = :why, version = version + 1 WHERE asa = :asa "
                + "AND status = :approved AND id <> :id").param("void", RotationPolicy.Status.VOID.name())
                .param("approved", RotationPolicy.Status.APPROVED.name()).param("why", "Replaced by rotation policy #" + id + ".")
                .param("asa", policy.asa()).param("id", id).update();
        RotationPolicy approved = find(id).orElseThrow();
        record("rotation.policy-approved", approved, by, "validUntil", approved.validUntil().toString());
        return approved;
    }

    /**
     * A reviewer takes back a submitted or approved policy: no roll is created under it any more (a roll already running goes
     * on; abort its job to stop it). One reviewer suffices, any of them, the approver included: revoking never makes anything
     * run, and four eyes guard what runs. The reason is required and audited.
     */
    @Transactional
    public RotationPolicy revoke(long id, String reason, ConsoleUser by) {
        RotationPolicy policy = find(id).orElseThrow(() -> new PolicyRefused("There is no rotation policy " + id + "."));
        if (!by.roles().contains(Role.APPROVER)) {
            throw new PolicyRefused("Only change reviewers (APPROVER) revoke rotation policies.");
        }
        if (!policy.status().open()) {
            throw new PolicyRefused("Rotation policy " + id + " is " + policy.status().name().toLowerCase(java.util.Locale.ROOT)
                    + "; only a submitted or approved policy can be revoked.");
        }
        if (reason == null || reason.isBlank()) {
            throw new PolicyRefused("Say why you revoke the policy, so the admins know why the rolls stopped.");
        }
        String why = reason.strip();
        if (why.length() > 500) {
            throw new PolicyRefused("The reason is too long: at most 500 characters, not " + why.length() + ".");
        }
        int updated = jdbc.sql("UPDATE rotation_policy SET status = :revoked, void_reason = :why, decided_by_id = :byId, "
                + "decided_by_name = :byName, decided_at = :now, version = version + 1 WHERE id = :id AND version = :version "
                + "AND status IN (:submitted, :approved)").param("revoked", RotationPolicy.Status.REVOKED.name())
                .param("submitted", RotationPolicy.Status.SUBMITTED.name()).param("approved", RotationPolicy.Status.APPROVED.name())
                .param("why", "Revoked by " + by.displayName() + ": " + why)
                .param("byId", by.stableId()).param("byName", by.displayName()).param("now", time(clock.instant()))
                .param("id", id).param("version", policy.version()).update();
        if (updated != 1) {
            throw new PolicyRefused("Rotation policy " + id + " was decided or changed meanwhile; reload it.");
        }
        RotationPolicy revoked = find(id).orElseThrow();
        record("rotation.policy-revoked", revoked, by, "reason", why);
        return revoked;
    }

    /** Voids a policy whose roll no longer matches what was approved; rolls stop until a new one is approved. */
    @Transactional
    void voidPolicy(RotationPolicy policy, String reason) {
        int updated = jdbc.sql("UPDATE rotation_policy SET status = :void, void_reason = :why, blocked_reason = :why, version = version + 1 "
                + "WHERE id = :id AND status = :approved").param("void", RotationPolicy.Status.VOID.name())
                .param("approved", RotationPolicy.Status.APPROVED.name()).param("why", reason).param("id", policy.id()).update();
        if (updated == 1) {
            audit.record(AuditEvent.of("rotation.policy-voided", policy.name() + " of " + policy.asa())
                    .by(new Actor("system", "Rotation scheduler")).withCorrelation(correlation(policy.id())).withDetail("reason", reason));
        }
    }

    /** What the last rotation round read and concluded for a policy. */
    @Transactional
    void observed(long id, Instant passwordSetAt, Instant nextDue, String blocked) {
        jdbc.sql("UPDATE rotation_policy SET password_set_at = :set, next_due_at = :due, checked_at = :now, blocked_reason = :blocked "
                + "WHERE id = :id").param("set", time(passwordSetAt)).param("due", time(nextDue)).param("now", time(clock.instant()))
                .param("blocked", blocked).param("id", id).update();
    }

    public Optional<RotationPolicy> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(RotationPolicies::row).optional();
    }

    /** Every policy, newest first. */
    public List<RotationPolicy> all() {
        return jdbc.sql(SELECT + " ORDER BY id DESC").query(RotationPolicies::row).list();
    }

    /** The approved policies (at most one per ASA). */
    public List<RotationPolicy> approved() {
        return jdbc.sql(SELECT + " WHERE status = :approved ORDER BY asa").param("approved", RotationPolicy.Status.APPROVED.name())
                .query(RotationPolicies::row).list();
    }

    /** The roll this policy covers, as approved. */
    static ChangeRequests.Roll roll(RotationPolicy policy) {
        return new ChangeRequests.Roll(policy.planVersion(), policy.asa(), policy.steps(), policy.members(), policy.operations());
    }

    static String correlation(long policyId) {
        return "rotation-policy-" + policyId;
    }

    private void record(String action, RotationPolicy policy, ConsoleUser by, String key, String value) {
        audit.record(AuditEvent.of(action, policy.name() + " of " + policy.asa()).by(new Actor(by.stableId(), by.displayName()))
                .withCorrelation(correlation(policy.id())).withDetail("contentHash", policy.contentHash()).withDetail(key, value));
    }

    static String hash(ChangeRequests.Roll roll, Duration interval, Instant validUntil) {
        String text = roll.asa() + "\n" + String.join(",", roll.steps()) + "\n" + String.join(",", roll.members()) + "\n" + interval + "\n"
                + validUntil + "\n" + roll.operations();
        return Sha256.hex(text);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static final String SELECT = "SELECT id, asa, plan_version, steps, members, operations, interval_seconds, valid_until, "
            + "content_hash, status, submitted_by_id, submitted_by_name, submitted_at, decided_by_id, decided_by_name, decided_at, "
            + "void_reason, version, password_set_at, next_due_at, checked_at, blocked_reason FROM rotation_policy";

    private static RotationPolicy row(ResultSet rs, int n) throws SQLException {
        return new RotationPolicy(rs.getLong(1), rs.getString(2), rs.getInt(3), List.of(rs.getString(4).split(",")),
                List.of(rs.getString(5).split(",")), rs.getString(6), Duration.ofSeconds(rs.getLong(7)), instant(rs, 8), rs.getString(9),
                RotationPolicy.Status.valueOf(rs.getString(10)), rs.getString(11), rs.getString(12), instant(rs, 13),
                rs.getString(14), rs.getString(15), instant(rs, 16),
                rs.getString(17), rs.getInt(18), instant(rs, 19), instant(rs, 20), instant(rs, 21), rs.getString(22));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
