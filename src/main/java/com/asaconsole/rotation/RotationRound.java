package com.asaconsole.rotation;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import com.asaconsole.deployment.ChangeRefused;
import com.asaconsole.deployment.ChangeRequest;
import com.asaconsole.deployment.ChangeRequests;
import com.asaconsole.deployment.DeploymentJob;
import com.asaconsole.deployment.Jobs;
import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.DirectoryException;
import com.asaconsole.directory.DirectoryGateway;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.health.EstateHealth;
import com.asaconsole.health.SubjectKind;
import com.asaconsole.health.Verdict;
import com.asaconsole.identity.ConsoleUser;
import com.asaconsole.identity.Role;
import com.asaconsole.planning.PlanVersions;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One look for due rolls: per approved policy, the ASA's pwdLastSet is read from AD; once it is
 * older than the policy's interval, the roll is created as a change under the standing approval and
 * its job started, in one transaction (a roll is there with its job, or not at all). A roll whose job
 * has not ended blocks the next one. What stands in the way is stored for the dashboard.
 */
@Component
class RotationRound {

    private static final Logger log = LoggerFactory.getLogger(RotationRound.class);

    private final RotationPolicies policies;
    private final Rolls rolls;
    private final ChangeRequests changes;
    private final Jobs jobs;
    private final PlanVersions plans;
    private final DirectorySettings settings;
    private final DirectoryGateway gateway;
    private final EstateHealth health;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    RotationRound(RotationPolicies policies, Rolls rolls, ChangeRequests changes, Jobs jobs, PlanVersions plans, DirectorySettings settings,
            DirectoryGateway gateway, EstateHealth health, ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock) {
        this.policies = policies;
        this.rolls = rolls;
        this.changes = changes;
        this.jobs = jobs;
        this.plans = plans;
        this.settings = settings;
        this.gateway = gateway;
        this.health = health;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
    }

    void run() {
        for (RotationPolicy policy : policies.approved()) {
            try {
                check(policy);
            } catch (RuntimeException e) {
                // one policy's trouble never stops the others; the sentence is on the dashboard
                log.warn("Rotation check of {} failed: {}", policy.name(), e.getMessage());
                policies.observed(policy.id(), policy.passwordSetAt(), policy.nextDue(), "The last look for a due roll failed: " + e.getMessage());
            }
        }
    }

    private void check(RotationPolicy policy) {
        Instant now = clock.instant();
        if (policy.expired(now)) {
            policies.observed(policy.id(), policy.passwordSetAt(), policy.nextDue(), "The standing approval expired on " + policy.validUntil()
                    + ": no roll runs until a reviewer approves a new rotation policy.");
            return;
        }
        Optional<Rolls.Roll> last = rolls.latest(policy.id());
        Instant lastRollEnded = null;
        if (last.isPresent() && last.get().jobId() != null) {
            DeploymentJob job = jobs.find(last.get().jobId()).orElseThrow();
            lastRollEnded = job.endedAt();
            if (!job.finished()) {
                policies.observed(policy.id(), policy.passwordSetAt(), policy.nextDue(), job.status() == DeploymentJob.Status.PAUSED
                        ? "The last roll (job #" + job.id() + ") is paused: " + job.reason() + " Retry or abort it; no new roll starts meanwhile."
                        : null);
                return;
            }
        }
        int number = plans.latestNumber().orElseThrow(() -> new IllegalStateException("no stored plan version"));
        AsaInfo asa = plans.find(number).orElseThrow().document().topology().asaAccounts().stream()
                .filter(a -> a.name().equalsIgnoreCase(policy.asa())).findFirst().orElse(null);
        if (asa == null) {
            policies.voidPolicy(policy, "Plan version " + number + " no longer has the ASA " + policy.asa() + ".");
            failed(policy, null, null, "Plan version " + number + " no longer has the ASA " + policy.asa() + "; the policy is void.");
            return;
        }
        Optional<AccountState> account;
        try {
            account = gateway.spnLookups(settings.connection(asa.forest())).findAccount(asa.samAccountName());
        } catch (DirectoryException e) {
            policies.observed(policy.id(), policy.passwordSetAt(), policy.nextDue(), "AD could not be read: " + e.getMessage());
            return;
        }
        if (account.isEmpty()) {
            policies.observed(policy.id(), null, null, "The ASA " + asa.samAccountName() + " is missing in AD: re-create it before a roll.");
            return;
        }
        Instant passwordSet = account.get().passwordLastSet();
        Instant due = passwordSet == null ? now : passwordSet.plus(policy.interval());
        String warning = membersFailing(policy, lastRollEnded);
        if (now.isBefore(due)) {
            if (warning != null && !warning.equals(policy.blocked())) {
                // told once per new reason, before the due time passes
                transaction.executeWithoutResult(tx -> events.publishEvent(new RollDue(policy.id(), policy.asa(), due, warning)));
            }
            policies.observed(policy.id(), passwordSet, due, warning);
            return;
        }
        ConsoleUser runner = new ConsoleUser("rotation:" + policy.name(), "rotation", "Rotation scheduler (" + policy.name() + ")", ConsoleUser.Method.SYSTEM,
                EnumSet.of(Role.ADMIN));
        try {
            long[] created = transaction.execute(tx -> {
                ChangeRequest change = changes.submitApprovedRoll(number, RotationPolicies.roll(policy), policy.name(), policy.decidedById(),
                        policy.decidedByName(), policy.validUntil());
                DeploymentJob job = jobs.start(change.id(), runner);
                rolls.add(policy.id(), change.id(), job.id(), now);
                return new long[] { change.id(), job.id() };
            });
            policies.observed(policy.id(), passwordSet, due, warning);
            log.info("Roll of {} under {} created as change {} with job {}", policy.asa(), policy.name(), created[0], created[1]);
        } catch (ChangeRefused e) {
            // the roll rendered now is not the approved one (members or operations changed), or it can't run (topology edited)
            if (e.getMessage().contains("reviewer approves a new policy")) {
                policies.voidPolicy(policy, e.getMessage());
            } else {
                policies.observed(policy.id(), passwordSet, due, "The due roll can't start: " + e.getMessage());
            }
            failed(policy, null, null, "The due roll of " + policy.asa() + " can't start: " + e.getMessage());
        }
    }

    /**
     * Members of the policy that failed a check in the latest health round: a roll would pause at them.
     * A round that started before the last roll ended is not counted (mid-roll, members and AD differ for a moment).
     */
    private String membersFailing(RotationPolicy policy, Instant lastRollEnded) {
        List<String> failing = health.report().filter(r -> lastRollEnded == null || r.round().startedAt().isAfter(lastRollEnded))
                .map(r -> r.of(SubjectKind.MEMBER).stream()
                .filter(s -> s.verdict() == Verdict.FAIL && policy.members().stream().anyMatch(m -> m.equalsIgnoreCase(s.name())))
                .map(s -> s.name() + " (" + s.failing().get(0).result().sentence() + ")").toList()).orElse(List.of());
        return failing.isEmpty() ? null : "The last check round found " + String.join("; ", failing)
                + ": a roll now would pause before AD at that member.";
    }

    private void failed(RotationPolicy policy, Long changeId, Long jobId, String reason) {
        transaction.executeWithoutResult(tx -> events.publishEvent(new RollFailed(policy.id(), policy.asa(), changeId, jobId, reason)));
    }
}
