package com.asaconsole.deployment.steps;

import java.util.List;
import java.util.Map;

import com.asaconsole.remoting.AsaStatus;
import com.asaconsole.remoting.ExchangeOperation.GetAsaStatus;
import com.asaconsole.remoting.ExchangeOperation.RemoveAsaCredentials;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

import org.springframework.stereotype.Component;

/** Rollback: removes the ASA credentials from the members an aborted job gave them to. */
@Component
class RemoveCredentials extends MemberStep {

    RemoveCredentials(RemoteMembers members) {
        super(members);
    }

    @Override
    public String key() {
        return "remove-credentials";
    }

    @Override
    public String title() {
        return "Remove the ASA credential from the Client Access servers";
    }

    @Override
    public List<String> targets(ChangeScope scope) {
        return scope.rollbackTargets("deploy-credential").orElseGet(() -> scope.members().stream().map(ServerInfo::fqdn).toList());
    }

    @Override
    public List<Operation> operations(ChangeScope scope, String target) {
        return List.of(members.render(scope.server(target), new RemoveAsaCredentials()));
    }

    @Override
    public Check precheck(JobScope scope, String target) {
        AsaStatus status = members.run(scope.server(target), new GetAsaStatus());
        return status.latest() == null && status.previous() == null ? Check.done("holds no ASA credential")
                : Check.toDo(status.describe());
    }

    @Override
    public String apply(JobScope scope, String target) {
        AsaStatus status = scope.write("winrm.remove-asa-credentials", key(), target, 1, members.render(scope.server(target),
                new RemoveAsaCredentials()), Map.of(), () -> members.run(scope.server(target), new RemoveAsaCredentials()));
        return "removed the ASA credentials from " + target + ": " + status.describe();
    }

    @Override
    public Check verify(JobScope scope, String target) {
        return precheck(scope, target);
    }
}
