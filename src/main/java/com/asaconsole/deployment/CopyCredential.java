package com.asaconsole.deployment;

import java.util.Map;
import java.util.Optional;

import com.asaconsole.remoting.AsaStatus;
import com.asaconsole.remoting.ExchangeOperation.CopyAsaCredential;
import com.asaconsole.remoting.ExchangeOperation.GetAsaStatus;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

import org.springframework.stereotype.Component;

/**
 * A server that joined later gets the credential its ASA's other members hold, copied from one of
 * them (no new password, AD untouched), before it takes traffic. Members that hold it already are
 * left alone.
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

    @Override
    public String describe(JobScope scope, String target) {
        return "WinRM " + target + ": if it lacks " + scope.server(target).asa() + ", copy the credential from a member that holds it";
    }

    private static boolean holds(AsaStatus status, String asa) {
        return status.latest() != null && status.latest().account().equalsIgnoreCase(asa);
    }

    @Override
    public Check precheck(JobScope scope, String target) {
        ServerInfo server = scope.server(target);
        AsaStatus status = members.run(server, new GetAsaStatus());
        return holds(status, server.asa()) ? Check.done("holds it: " + status.describe()) : Check.toDo(status.describe());
    }

    @Override
    public String apply(JobScope scope, String target) {
        ServerInfo server = scope.server(target);
        // any member of the ASA may be the source, also one outside the change's members
        Optional<ServerInfo> source = scope.servers(scope.asa(server.asa())).stream()
                .filter(s -> !s.fqdn().equalsIgnoreCase(target))
                .filter(s -> {
                    try {
                        return holds(members.run(s, new GetAsaStatus()), server.asa());
                    } catch (StepFailed e) {
                        return false; // an unreachable member is no source
                    }
                }).findFirst();
        if (source.isEmpty()) {
            throw StepFailed.permanent("No other member holds " + server.asa() + " to copy from; deploy the credential instead.");
        }
        AsaStatus status = scope.write("winrm.copy-asa-credential", target, Map.of("from", source.get().fqdn()),
                () -> members.run(server, new CopyAsaCredential(source.get().fqdn())));
        return "copied the credential from " + source.get().fqdn() + " to " + target + ": " + status.describe();
    }

    @Override
    public Check verify(JobScope scope, String target) {
        return precheck(scope, target);
    }
}
