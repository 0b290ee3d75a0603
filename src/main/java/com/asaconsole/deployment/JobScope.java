package com.asaconsole.deployment;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

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
import com.asaconsole.kerberos.KdcClient;
import com.asaconsole.planning.PlanDocument;
import com.asaconsole.planning.PlannedSpn;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

/**
 * What the steps of one job share: the frozen plan, who the job acts for, the forests'
 * directories, the job's generated ASA passwords, and the audited write.
 */
final class JobScope {

    private final long jobId;
    private final ChangeRequest change;
    private final PlanDocument document;
    private final Actor actor;
    private final DirectorySettings settings;
    private final DirectoryGateway gateway;
    private final JobSecrets secrets;
    private final AuditTrail audit;
    private final Map<String, List<String>> rollbackTargets;
    private final java.util.function.BiFunction<String, String, Optional<java.time.Instant>> appliedAt;
    private final Map<String, ForestDirectory> directories = new HashMap<>();
    private final Map<String, Object> results = new java.util.concurrent.ConcurrentHashMap<>();
    private final KdcClient kdc = new KdcClient();

    JobScope(long jobId, ChangeRequest change, PlanDocument document, Actor actor, DirectorySettings settings,
            DirectoryGateway gateway, JobSecrets secrets, AuditTrail audit, Map<String, List<String>> rollbackTargets,
            java.util.function.BiFunction<String, String, Optional<java.time.Instant>> appliedAt) {
        this.appliedAt = appliedAt;
        this.jobId = jobId;
        this.change = change;
        this.document = document;
        this.actor = actor;
        this.settings = settings;
        this.gateway = gateway;
        this.secrets = secrets;
        this.audit = audit;
        this.rollbackTargets = rollbackTargets;
    }

    long jobId() {
        return jobId;
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

    /** Every server that holds (or will hold) one of the planned ASAs, limited to the change's members when it names some. */
    List<ServerInfo> members() {
        return accounts().stream().flatMap(a -> servers(a).stream())
                .filter(s -> !change.scoped() || change.members().stream().anyMatch(m -> m.equalsIgnoreCase(s.fqdn()))).toList();
    }

    /** Servers of this ASA that the change leaves out (a scoped change). */
    List<ServerInfo> membersLeftOut(AsaInfo asa) {
        return servers(asa).stream().filter(s -> change.scoped() && change.members().stream().noneMatch(m -> m.equalsIgnoreCase(s.fqdn())))
                .toList();
    }

    ServerInfo server(String fqdn) {
        return document.topology().servers().stream().filter(s -> s.fqdn().equalsIgnoreCase(fqdn)).findFirst()
                .orElseThrow(() -> StepFailed.permanent("The plan has no server " + fqdn + "."));
    }

    ChangeRequest change() {
        return change;
    }

    PlanDocument document() {
        return document;
    }

    /** For a rollback change: the targets the aborted job changed in this step (by its key); empty otherwise. */
    Optional<List<String>> rollbackTargets(String stepKey) {
        return rollbackTargets == null ? Optional.empty() : Optional.of(rollbackTargets.getOrDefault(stepKey, List.of()));
    }

    /** The planned ASAs that some server will hold (the ones the wizard deploys). */
    List<AsaInfo> accounts() {
        return document.topology().asaAccounts().stream().filter(a -> !servers(a).isEmpty()).toList();
    }

    List<ServerInfo> servers(AsaInfo asa) {
        return document.topology().servers().stream().filter(s -> asa.name().equals(s.asa())).toList();
    }

    AsaInfo asa(String name) {
        return document.topology().asaAccounts().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> StepFailed.permanent("The plan has no ASA named " + name + "."));
    }

    List<PlannedSpn> spns() {
        return document.plan().spns();
    }

    PlannedSpn spn(String spn) {
        return spns().stream().filter(s -> s.spn().equalsIgnoreCase(spn)).findFirst()
                .orElseThrow(() -> StepFailed.permanent("The plan has no SPN " + spn + "."));
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

    AccountState existingAccount(AsaInfo asa) {
        return account(asa).orElseThrow(() -> StepFailed.permanent("The ASA " + asa.samAccountName() + " does not exist in "
                + asa.forest() + "; run the create-account step first."));
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

    /**
     * A write outside the database (LDAP now, WinRM later): an audit intent is committed before the
     * call and the outcome after it; if the intent can't be written, the call is not made.
     */
    <T> T write(String action, String target, Map<String, String> details, Supplier<T> call) {
        AuditEvent event = AuditEvent.of(action, target).by(actor).withCorrelation(ChangeRequests.correlation(change.id()))
                .withDetail("job", jobId);
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
