package com.asaconsole.health;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.asaconsole.deployment.ChangeRefused;
import com.asaconsole.deployment.ChangeRequest;
import com.asaconsole.deployment.ChangeRequests;
import com.asaconsole.identity.ConsoleUser;
import com.asaconsole.planning.PlanVersions;

import org.springframework.stereotype.Component;

/**
 * A failing check's remedy as a prepared change: the deployment module's own steps, scoped, submitted
 * against the plan version the round checked, so its operations come from the one rendering and it
 * goes through the normal four-eyes approval and executor. Nothing is fixed here; only submitted.
 * (ADR 27 lists the remedies; those without a row here are not built.)
 */
@Component
class PreparedFixes {

    /** A member without the ASA (rebuilt, or added without it): copy the credential from a member that holds it; AD untouched. */
    static final List<String> COPY_TO_MEMBER = List.of("add-member", "verify");
    /**
     * RC4 allowed or the types unset: the create-account wizard step, whose account half is skipped for an
     * account at the planned DN (its operations say so) and whose second half sets the planned types (24).
     */
    static final List<String> SET_ENCRYPTION_TYPES = List.of("create-account", "verify");
    /** The ASA deleted: the whole deployment again (create, new credential to every member, then AD, SPNs, verify). */
    static final List<String> REDEPLOY = List.of();

    /** The remedy of a cause: which wizard steps, and whether it is scoped to the failing member or to every member of the ASA. */
    record Remedy(List<String> steps, boolean memberOnly) {
    }

    private static final Map<String, Remedy> REMEDIES = Map.of(
            "credential/CREDENTIAL_MISSING", new Remedy(COPY_TO_MEMBER, true),
            "credential/CREDENTIAL_OTHER_ACCOUNT", new Remedy(COPY_TO_MEMBER, true),
            "encryption-types/RC4_ALLOWED", new Remedy(SET_ENCRYPTION_TYPES, false),
            "encryption-types/RC4_ONLY", new Remedy(SET_ENCRYPTION_TYPES, false),
            "encryption-types/ENCTYPES_UNSET", new Remedy(SET_ENCRYPTION_TYPES, false),
            "account/ASA_MISSING", new Remedy(REDEPLOY, false));

    private final HealthStore store;
    private final ChangeRequests changes;
    private final PlanVersions plans;

    PreparedFixes(HealthStore store, ChangeRequests changes, PlanVersions plans) {
        this.store = store;
        this.changes = changes;
        this.plans = plans;
    }

    /** The remedy of this result, or empty when it has no prepared fix (yet). */
    static Optional<Remedy> offer(CheckResult result) {
        if (result.verdict() == Verdict.OK) {
            return Optional.empty();
        }
        Remedy remedy = REMEDIES.get(result.check() + "/" + result.cause());
        if (remedy == null || remedy.memberOnly() != (result.kind() == SubjectKind.MEMBER)) {
            return Optional.empty();
        }
        return Optional.of(remedy);
    }

    /**
     * Submits the fix of a check the latest round found failing, as {@code by}.
     *
     * @throws FixRefused when the latest round does not show that failure (any more)
     * @throws ChangeRefused when the deployment module refuses the change (e.g. the plan version was altered)
     */
    ChangeRequest prepare(SubjectKind kind, String subject, String check, ConsoleUser by) {
        HealthRound round = store.latest().orElseThrow(() -> new FixRefused("No check round has run yet."));
        CheckResult failing = store.results(round.id()).stream()
                .filter(r -> r.kind() == kind && r.subject().equalsIgnoreCase(subject) && r.check().equals(check)).findFirst()
                .orElseThrow(() -> new FixRefused("The latest round (" + round.id() + ") has no check " + check + " of " + subject + "."));
        Remedy remedy = offer(failing).orElseThrow(() -> new FixRefused("The latest round (" + round.id() + ") finds "
                + subject + " " + (failing.verdict() == Verdict.OK ? "healthy" : "failing for a cause without a prepared fix") + "."));
        if (round.planVersion() == null) {
            throw new FixRefused("The latest round checked no stored plan version.");
        }
        String members = remedy.memberOnly() ? failing.subject() : membersOf(round.planVersion(), failing.group());
        return changes.submit(round.planVersion(), remedy.steps(), members, by);
    }

    /** Every member of an ASA in a plan version: a fix of one ASA touches that ASA only. */
    private String membersOf(int version, String asa) {
        List<String> members = plans.find(version).orElseThrow(() -> new FixRefused("Plan version " + version + " is gone."))
                .document().topology().servers().stream().filter(s -> asa.equals(s.asa())).map(s -> s.fqdn()).toList();
        if (members.isEmpty()) {
            throw new FixRefused("Plan version " + version + " gives " + asa + " no member.");
        }
        return String.join(",", members);
    }

    /** Why no fix was prepared, in a sentence. */
    static final class FixRefused extends RuntimeException {
        FixRefused(String sentence) {
            super(sentence);
        }
    }
}
