package com.asaconsole.health;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.asaconsole.deployment.ChangeRefused;
import com.asaconsole.deployment.ChangeRequest;
import com.asaconsole.deployment.ChangeRequests;
import com.asaconsole.identity.ConsoleUser;

import org.springframework.stereotype.Component;

/**
 * A failing check's remedy as a prepared change: the deployment module's own steps, scoped, submitted
 * against the plan version the round checked, so its operations come from the one rendering and it
 * goes through the normal four-eyes approval and executor. Nothing is fixed here; only submitted.
 * (ADR 27 lists the remedies still to come.)
 */
@Component
class PreparedFixes {

    /** A member without the ASA (rebuilt, or added without it): copy the credential from a member that holds it; AD untouched. */
    static final List<String> COPY_TO_MEMBER = List.of("add-member", "verify");

    private static final Set<String> MEMBER_LACKS_CREDENTIAL = Set.of("CREDENTIAL_MISSING", "CREDENTIAL_OTHER_ACCOUNT");

    private final HealthStore store;
    private final ChangeRequests changes;

    PreparedFixes(HealthStore store, ChangeRequests changes) {
        this.store = store;
        this.changes = changes;
    }

    /** The steps of the change that fixes this result, or empty when it has no prepared fix (yet). */
    static Optional<List<String>> offer(CheckResult result) {
        if (result.kind() == SubjectKind.MEMBER && result.check().equals("credential") && MEMBER_LACKS_CREDENTIAL.contains(result.cause())) {
            return Optional.of(COPY_TO_MEMBER);
        }
        return Optional.empty();
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
        List<String> steps = offer(failing).orElseThrow(() -> new FixRefused("The latest round (" + round.id() + ") finds "
                + subject + " " + (failing.verdict() == Verdict.OK ? "healthy" : "failing for a cause without a prepared fix") + "."));
        if (round.planVersion() == null) {
            throw new FixRefused("The latest round checked no stored plan version.");
        }
        return changes.submit(round.planVersion(), steps, failing.subject(), by);
    }

    /** Why no fix was prepared, in a sentence. */
    static final class FixRefused extends RuntimeException {
        FixRefused(String sentence) {
            super(sentence);
        }
    }
}
