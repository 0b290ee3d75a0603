package com.asaconsole.deployment.steps;

import java.util.List;

import com.asaconsole.topology.TopologySnapshot.ServerInfo;

/** A remote step: one task per Client Access member of the planned ASAs, fanned out with the member concurrency. */
abstract class MemberStep implements Step {

    final RemoteMembers members;

    MemberStep(RemoteMembers members) {
        this.members = members;
    }

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public List<String> targets(ChangeScope scope) {
        return scope.members().stream().map(ServerInfo::fqdn).toList();
    }
}
