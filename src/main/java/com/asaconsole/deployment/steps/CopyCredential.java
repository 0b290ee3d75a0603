package com.asaconsole.deployment.steps;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.asaconsole.remoting.AsaStatus;
import com.asaconsole.remoting.ExchangeOperation.CopyAsaCredential;
import com.asaconsole.remoting.ExchangeOperation.GetAsaStatus;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

import org.springframework.stereotype.Component;

/**
 * A server that joined later gets the credential its ASA's other members hold, copied from one of
 * them (no new password, AD untouched), before it takes traffic. Members that hold the current one
 * already are left alone; a member that holds the ASA but missed a roll (its Latest is older than
 * the password in AD) gets it again. The source must hold the current one, or nothing is copied.
 */
@Component
class CopyCredential extends MemberStep {

    CopyCredential(RemoteMembers members) {
        super(members);
    }

    @Override
    public String key() {
        return "copy-credential";
    }

    @Override
    public String title() {
        return "Copy the ASA credential to members that lack it";
    }

    /**
     * The member the credential is copied from, fixed when the change is rendered: the first member of
     * the ASA that the change does not give it to (else the first other member). If it turns out not
     * to hold the credential at run time, the job stops rather than copying from another.
     */
    static ServerInfo source(ChangeScope scope, ServerInfo target) {
        List<ServerInfo> others = scope.servers(scope.asa(target.asa())).stream().filter(s -> !s.fqdn().equalsIgnoreCase(target.fqdn())).toList();
        // the change's members once, not once per other member: per target that was members × others, cubic over an estate
        java.util.Set<String> members = scope.members().stream().map(m -> m.fqdn().toLowerCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.toSet());
        return others.stream().filter(s -> !members.contains(s.fqdn().toLowerCase(java.util.Locale.ROOT))).findFirst()
                .or(() -> others.stream().findFirst())
                .orElseThrow(() -> StepFailed.permanent(target.asa() + " has no other member to copy the credential from; deploy it instead."));
    }

    @Override
    public List<Operation> operations(ChangeScope scope, String target) {
        ServerInfo server = scope.server(target);
        ServerInfo source = source(scope, server);
        return List.of(Operation.check(target, "Skipped when " + target + " already holds " + server.asa() + " as its Latest credential, received "
                + "after the password in Active Directory was set; refused when " + source.fqdn() + " does not hold that one."),
                members.render(server, new CopyAsaCredential(source.fqdn())));
    }

    /** Why this member's Latest is not the ASA's current credential, or empty when it is (a member that missed a roll holds an old one). */
    private Optional<String> notCurrent(JobScope scope, ServerInfo server, AsaStatus status) {
        AsaInfo asa = scope.asa(server.asa());
        return scope.history().notCurrent(asa, server, status, scope.existingAccount(asa));
    }

    @Override
    public Check precheck(JobScope scope, String target) {
        ServerInfo server = scope.server(target);
        AsaStatus status = members.run(server, new GetAsaStatus());
        Optional<String> stale = notCurrent(scope, server, status);
        return stale.isEmpty() ? Check.done("holds the current one: " + status.describe()) : Check.toDo(stale.get());
    }

    @Override
    public String apply(JobScope scope, String target) {
        ServerInfo server = scope.server(target);
        ServerInfo source = source(scope.change(), server);
        Optional<String> sourceStale = notCurrent(scope, source, members.run(source, new GetAsaStatus()));
        if (sourceStale.isPresent()) {
            throw StepFailed.permanent(source.fqdn() + ", the approved source, does not hold the current " + server.asa()
                    + " to copy from (" + sourceStale.get() + "); deploy the credential instead, or submit a change whose source holds it.");
        }
        CopyAsaCredential copy = new CopyAsaCredential(source.fqdn());
        AsaStatus status = scope.write("winrm.copy-asa-credential", key(), target, 2, members.render(server, copy),
                Map.of("from", source.fqdn()), () -> members.run(server, copy));
        return "copied the credential from " + source.fqdn() + " to " + target + ": " + status.describe();
    }

    @Override
    public Check verify(JobScope scope, String target) {
        return precheck(scope, target);
    }
}
