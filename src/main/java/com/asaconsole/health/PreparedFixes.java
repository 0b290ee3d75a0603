package com.asaconsole.health;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.asaconsole.deployment.ChangeRefused;
import com.asaconsole.deployment.ChangeRequest;
import com.asaconsole.deployment.ChangeRequests;
import com.asaconsole.identity.ConsoleUser;
import com.asaconsole.planning.PlanDocument;
import com.asaconsole.planning.PlanVersions;
import com.asaconsole.planning.PlannedSpn;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

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
    /**
     * An SPN found on a CAS computer account: the SPN step of a plan version stored from the directory as it is now, which plans
     * the move (remove it there, then add it to the ASA, both rendered and run by the SPN step itself).
     */
    static final List<String> MOVE_SPN_BACK = List.of("assign-spns", "verify");
    /** Not protected from deletion, or not marked for clean-up scripts: the protect step (each half skipped when in place). */
    static final List<String> PROTECT = List.of("protect-account");

    /**
     * The remedy of a cause: which wizard steps, whether it is scoped to the failing member or to every member of the ASA, and
     * whether the plan must be stored again first (the fix depends on where the directory holds things now, e.g. an SPN's holder).
     */
    record Remedy(List<String> steps, boolean memberOnly, boolean storeAgain) {
        Remedy(List<String> steps, boolean memberOnly) {
            this(steps, memberOnly, false);
        }
    }

    private static final Map<String, Remedy> REMEDIES = Map.of(
            "credential/CREDENTIAL_MISSING", new Remedy(COPY_TO_MEMBER, true),
            "credential/CREDENTIAL_OTHER_ACCOUNT", new Remedy(COPY_TO_MEMBER, true),
            // a roll done while this member was down: the copy step gives it the current credential from a member that holds it
            "credential/MISSED_ROLL", new Remedy(COPY_TO_MEMBER, true),
            "encryption-types/RC4_ALLOWED", new Remedy(SET_ENCRYPTION_TYPES, false),
            "encryption-types/RC4_ONLY", new Remedy(SET_ENCRYPTION_TYPES, false),
            "encryption-types/ENCTYPES_UNSET", new Remedy(SET_ENCRYPTION_TYPES, false),
            "account/ASA_MISSING", new Remedy(REDEPLOY, false),
            "spn-registration/SPN_ON_CAS_COMPUTER", new Remedy(MOVE_SPN_BACK, false, true),
            "deletion-protection/NOT_PROTECTED", new Remedy(PROTECT, false),
            "description/NOT_MARKED", new Remedy(PROTECT, false));

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
     *
     * One transaction: a plan version stored for a fix that is then refused is not kept.
     */
    @Transactional
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
        PlanVersions.Stored checked = plans.find(round.planVersion())
                .orElseThrow(() -> new FixRefused("Plan version " + round.planVersion() + " is gone."));
        PlanVersions.Stored version = remedy.storeAgain() ? storedAgain(checked, failing, by) : checked;
        String members = remedy.memberOnly() ? failing.subject() : membersOf(version.document(), asaOf(failing, version.document()));
        return changes.submit(version.number(), remedy.steps(), members, by);
    }

    /**
     * The plan stored again from the directory as it is now, for a fix that depends on it (the SPN's holder, which the SPN step
     * then moves from). Refused when the topology changed since the checked version (the new version would carry more than the
     * fix) or when the new version does not plan the fix (the holder is outside the estate, or the drift is gone).
     */
    private PlanVersions.Stored storedAgain(PlanVersions.Stored checked, CheckResult failing, ConsoleUser by) {
        if (!plans.currentTopologyHash().equals(checked.document().topologyHash())) {
            throw new FixRefused("The topology changed since plan version " + checked.number() + ", which the round checked: store "
                    + "the plan again and review what changed, then prepare the fix from the next round.");
        }
        PlanVersions.Stored again = plans.saveCurrent(by.username());
        if (again.document().plan().move(failing.subject()).isEmpty()) {
            throw new FixRefused("Plan version " + again.number() + ", stored from the directory as it is now, plans no move of "
                    + failing.subject() + " (its findings say why): there is nothing to move back.");
        }
        return again;
    }

    /** The ASA a result concerns: the subject of an ASA check, the planned ASA of an SPN, the group of a member check. */
    private static String asaOf(CheckResult result, PlanDocument document) {
        if (result.kind() != SubjectKind.NAMESPACE) {
            return result.group();
        }
        return document.plan().spns().stream().filter(s -> s.spn().equalsIgnoreCase(result.subject())).map(PlannedSpn::asa).findFirst()
                .orElseThrow(() -> new FixRefused("The plan plans no SPN " + result.subject() + " any more."));
    }

    /** Every member of an ASA in a plan version: a fix of one ASA touches that ASA only. */
    private String membersOf(PlanDocument document, String asa) {
        List<String> members = document.topology().servers().stream().filter(s -> asa.equals(s.asa())).map(s -> s.fqdn()).toList();
        if (members.isEmpty()) {
            throw new FixRefused("The plan gives " + asa + " no member.");
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
