package com.asaconsole.deployment.steps;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.asaconsole.deployment.ChangeRequest;
import com.asaconsole.deployment.ChangeRequests;
import com.asaconsole.audit.Actor;
import com.asaconsole.audit.AuditEvent;
import com.asaconsole.audit.AuditTrail;
import com.asaconsole.audit.Intent;
import com.asaconsole.audit.Outcome;
import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.DirectoryException;
import com.asaconsole.directory.DirectoryGateway;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.directory.ForestDirectory;
import com.asaconsole.directory.ForestWrites;
import com.asaconsole.kerberos.KdcClient;
import com.asaconsole.planning.PlanDocument;
import com.asaconsole.planning.PlannedSpn;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

/**
 * What the steps of one job share: the change's scope (the frozen plan, its members), who the job
 * acts for, the forests' directories, the job's generated ASA passwords, the approved operations,
 * and the audited write.
 */
public final class JobScope {

    private final long jobId;
    private final ChangeRequest change;
    private final ChangeScope scope;
    private final Actor actor;
    private final DirectorySettings settings;
    private final DirectoryGateway gateway;
    private final JobSecrets secrets;
    private final AuditTrail audit;
    private final java.util.function.BiFunction<String, String, Optional<java.time.Instant>> appliedAt;
    private final Map<String, String> approved;
    private final Map<String, ForestDirectory> directories = new HashMap<>();
    private final Map<String, Object> results = new java.util.concurrent.ConcurrentHashMap<>();
    private final KdcClient kdc = new KdcClient();
    private final CredentialHistory history;

    public JobScope(long jobId, ChangeRequest change, ChangeScope scope, Actor actor, DirectorySettings settings,
            DirectoryGateway gateway, JobSecrets secrets, AuditTrail audit,
            java.util.function.BiFunction<String, String, Optional<java.time.Instant>> appliedAt, CredentialHistory history) {
        this.appliedAt = appliedAt;
        this.jobId = jobId;
        this.change = change;
        this.scope = scope;
        this.actor = actor;
        this.settings = settings;
        this.gateway = gateway;
        this.secrets = secrets;
        this.audit = audit;
        this.history = history;
        this.approved = ChangeOperations.blocks(change.operations() == null ? "" : change.operations());
    }

    long jobId() {
        return jobId;
    }

    /** The plan and members the change works on: what the operations are rendered from. */
    public ChangeScope change() {
        return scope;
    }

    ChangeRequest request() {
        return change;
    }

    CredentialHistory history() {
        return history;
    }

    /** When this job began to apply that step to that target (recorded before the call), if it ever did. */
    Optional<java.time.Instant> appliedAt(String stepKey, String target) {
        return appliedAt.apply(stepKey, target);
    }

    /** The result an apply left for its verify (remote operations whose state can't be read back separately). */
    void remember(String stepKey, String target, Object result) {
        results.put(stepKey + "|" + target, result);
    }

    Optional<Object> remembered(String stepKey, String target) {
        return Optional.ofNullable(results.get(stepKey + "|" + target));
    }

    List<ServerInfo> members() {
        return scope.members();
    }

    List<ServerInfo> membersLeftOut(AsaInfo asa) {
        return scope.membersLeftOut(asa);
    }

    ServerInfo server(String fqdn) {
        return scope.server(fqdn);
    }

    PlanDocument document() {
        return scope.document();
    }

    Optional<List<String>> rollbackTargets(String stepKey) {
        return scope.rollbackTargets(stepKey);
    }

    List<AsaInfo> accounts() {
        return scope.accounts();
    }

    List<ServerInfo> servers(AsaInfo asa) {
        return scope.servers(asa);
    }

    AsaInfo asa(String name) {
        return scope.asa(name);
    }

    List<PlannedSpn> spns() {
        return scope.spns();
    }

    PlannedSpn spn(String spn) {
        return scope.spn(spn);
    }

    /** The writes to a forest's directory, over the same connection as its reads (only deployment may write, ADR 41). */
    ForestWrites writes(String forest) {
        return ForestWrites.of(directory(forest));
    }

    synchronized ForestDirectory directory(String forest) {
        return directories.computeIfAbsent(forest, f -> {
            try {
                return gateway.open(settings.connection(f));
            } catch (DirectoryException e) {
                throw failed(e);
            } catch (RuntimeException e) {
                throw StepFailed.permanent("The console has no working connection to forest " + f + " (" + e.getMessage()
                        + "). Set it up under Directory connections.");
            }
        });
    }

    /** The ASA account as the directory has it now, if it exists. */
    Optional<AccountState> account(AsaInfo asa) {
        return read(() -> directory(asa.forest()).findAccount(asa.samAccountName()));
    }

    /** The ASA as the directory has it, which must be at the DN the plan gives it (the DN the approved operations name). */
    AccountState existingAccount(AsaInfo asa) {
        AccountState account = account(asa).orElseThrow(() -> StepFailed.permanent("The ASA " + asa.samAccountName() + " does not exist in "
                + asa.forest() + "; run the create-account step first."));
        requirePlannedDn(asa, account);
        return account;
    }

    static void requirePlannedDn(AsaInfo asa, AccountState account) {
        String planned = ChangeScope.plannedDn(asa);
        if (!planned.equalsIgnoreCase(account.dn())) {
            throw StepFailed.permanent(asa.samAccountName() + " exists at " + account.dn() + ", not at " + planned
                    + " where the plan (and the approved operations) put it. Correct the ASA's OU in the topology, store the plan and submit it again.");
        }
    }

    /** The password this job gives the ASA: generated once, kept encrypted; the caller clears the array. */
    char[] password(AsaInfo asa) {
        return secrets.password(jobId, asa.name());
    }

    /** The ASA's Kerberos principal for a password check: NAME$@REALM for a computer account. */
    String principal(AsaInfo asa) {
        return asa.samAccountName() + "@" + asa.forest().toUpperCase(Locale.ROOT);
    }

    /** Asks the KDC whether the account's password is the one this job holds (true: the password is in place). */
    boolean passwordInPlace(AsaInfo asa) {
        char[] password = password(asa);
        try {
            return kdc.acceptsPassword(principal(asa), password);
        } catch (RuntimeException e) {
            throw new StepFailed("Could not check the password of " + asa.samAccountName() + " with the KDC: " + e.getMessage(), true);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    KdcClient kdc() {
        return kdc;
    }

    Optional<DirectorySettings.ProbeIdentity> probe(String forest) {
        return settings.probe(forest);
    }

    /** Reads the directory; a failure becomes a StepFailed (transient when the DC did not answer). */
    <T> T read(Supplier<T> call) {
        try {
            return call.get();
        } catch (DirectoryException e) {
            throw failed(e);
        }
    }

    /** Whether this rendering of operation {@code n} of a step on a target is exactly the approved one; throws naming the difference. */
    ChangeOperations.Entry approved(String step, String target, int n, Operation operation) {
        ChangeOperations.Entry entry = new ChangeOperations.Entry(ChangeOperations.id(step, target, n), step, target, operation);
        Optional<String> difference = ChangeOperations.differenceFrom(approved, entry);
        if (difference.isPresent()) {
            throw StepFailed.permanent(difference.get() + " Nothing was written: the job runs only the approved operations. "
                    + "Abort it, store the plan again and submit a new change.");
        }
        return entry;
    }

    /**
     * A write outside the database (LDAP, WinRM) that carries out approved operation {@code n} of this
     * step on this target: refused (nothing written) when {@code operation}, rendered from the values
     * about to be sent, is not the approved one; otherwise an audit intent naming the operation is
     * committed before the call and the outcome after it. If the intent can't be written, the call is not made.
     */
    <T> T write(String action, String step, String target, int n, Operation operation, Map<String, String> details, Supplier<T> call) {
        ChangeOperations.Entry entry = approved(step, target, n, operation);
        AuditEvent event = AuditEvent.of(action, target).by(actor).withCorrelation(ChangeRequests.correlation(change.id()))
                .withDetail("job", jobId).withDetail("operation", entry.id())
                .withDetail("operationSha256", Operation.sha256(entry.block()));
        for (Map.Entry<String, String> d : details.entrySet()) {
            event = event.withDetail(d.getKey(), d.getValue());
        }
        Intent intent = audit.intent(event);
        try {
            T result = call.get();
            audit.outcome(intent, Outcome.SUCCESS, result == null ? Map.of() : Map.of("result", result.toString()));
            return result;
        } catch (DirectoryException e) {
            audit.outcome(intent, Outcome.FAILURE, Map.of("error", e.getMessage()));
            throw failed(e);
        } catch (StepFailed e) {
            audit.outcome(intent, Outcome.FAILURE, Map.of("error", e.getMessage()));
            throw e;
        } catch (RuntimeException e) {
            audit.outcome(intent, Outcome.FAILURE, Map.of("error", String.valueOf(e.getMessage())));
            throw new StepFailed(action + " on " + target + " failed: " + e.getMessage(), false);
        }
    }

    private static StepFailed failed(DirectoryException e) {
        return new StepFailed(e.getMessage(), e.unreachable());
    }
}
