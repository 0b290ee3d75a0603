package com.asaconsole.deployment.steps;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.asaconsole.remoting.AsaStatus;
import com.asaconsole.remoting.ExchangeOperation.GetAsaStatus;
import com.asaconsole.remoting.ExchangeOperation.SetAsaCredential;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

import org.springframework.stereotype.Component;

/**
 * Gives every Client Access server of each ASA the job's password (it becomes Latest, the old one
 * stays Previous), in parallel with the configured concurrency. It runs before the AD password is
 * set, so no member is ever behind AD; if any member fails, the job pauses before AD is touched.
 */
@Component
class DeployCredential extends MemberStep {

    /** Kerberos tolerates five minutes of clock skew; a member's "added" time may lag the console's by that much. */
    static final Duration SKEW = Duration.ofMinutes(5);

    DeployCredential(RemoteMembers members) {
        super(members);
    }

    @Override
    public String key() {
        return "deploy-credential";
    }

    @Override
    public String title() {
        return "Deploy the ASA credential to every Client Access server";
    }

    /** The rendering of the set: the password is never part of it (it is masked), so a stand-in renders the same text. */
    static final char[] MASKED = "********".toCharArray();

    @Override
    public List<Operation> operations(ChangeScope scope, String target) {
        ServerInfo server = scope.server(target);
        String on = server.fqdn();
        return List.of(Operation.check(on, "Skipped when " + target + " already holds the password this job generated as its Latest credential."
                + (server.standby() ? " A DR/standby server: it must hold the credential before it is activated." : "")),
                members.render(server, new SetAsaCredential(server.asa(), MASKED)));
    }

    @Override
    public Check precheck(JobScope scope, String target) {
        ServerInfo server = scope.server(target);
        AsaStatus status = members.run(server, new GetAsaStatus());
        return holdsThisJobs(scope, server, status) ? Check.done("received the credential during this job: " + status.describe())
                : Check.toDo(status.describe());
    }

    /**
     * Whether the member's Latest is this job's password: this job began a push to it and its Latest
     * is at least that recent (an earlier job's credential, however recent, is not this job's password).
     */
    static boolean holdsThisJobs(JobScope scope, ServerInfo server, AsaStatus status) {
        java.util.Optional<java.time.Instant> pushed = scope.appliedAt("deploy-credential", server.fqdn());
        return pushed.isPresent() && status.latest() != null && status.latest().account().equalsIgnoreCase(server.asa())
                && status.latest().added() != null && !status.latest().added().isBefore(pushed.get().minus(SKEW));
    }

    @Override
    public String apply(JobScope scope, String target) {
        ServerInfo server = scope.server(target);
        AsaInfo asa = scope.asa(server.asa());
        char[] password = scope.password(asa);
        try {
            SetAsaCredential set = new SetAsaCredential(asa.name(), password);
            AsaStatus status = scope.write("winrm.set-asa-credential", key(), target, 2, members.render(server, set),
                    Map.of("account", asa.name(), "password", "********"), () -> members.run(server, set));
            scope.remember(key(), target, status);
            return "set the ASA credential on " + target + ": " + status.describe();
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The status the server reported right after the set (the same script reads it back): no third round trip. */
    @Override
    public Check verify(JobScope scope, String target) {
        ServerInfo server = scope.server(target);
        return scope.remembered(key(), target).map(AsaStatus.class::cast)
                .map(status -> status.latest() != null && status.latest().account().equalsIgnoreCase(server.asa())
                        ? Check.done("Latest is " + server.asa() + ": " + status.describe())
                        : Check.toDo("the server reports " + status.describe()))
                .orElseGet(() -> precheck(scope, target));
    }
}
