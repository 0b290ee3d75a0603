package com.asaconsole.deployment.steps;

import java.util.List;
import java.util.Map;

import com.asaconsole.remoting.ExchangeOperation;
import com.asaconsole.remoting.NegotiateSettings;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

import org.springframework.stereotype.Component;

/**
 * Exchange 2013+: Outlook Anywhere's internal clients use Negotiate, and the MAPI virtual directory
 * gets Negotiate appended (OAuth and NTLM kept). Setting it again is harmless; the settings the
 * server reports afterwards are the verification.
 */
@Component
class EnableNegotiate extends MemberStep {

    EnableNegotiate(RemoteMembers members) {
        super(members);
    }

    @Override
    public String key() {
        return "enable-negotiate";
    }

    @Override
    public String title() {
        return "Enable Negotiate on Outlook Anywhere and MAPI (Exchange 2013+)";
    }

    @Override
    public List<String> targets(ChangeScope scope) {
        return scope.members().stream().filter(s -> !s.version().isLegacy()).map(ServerInfo::fqdn).toList();
    }

    @Override
    public List<Operation> operations(ChangeScope scope, String target) {
        return List.of(members.render(scope.server(target), new ExchangeOperation.EnableNegotiate()));
    }

    @Override
    public Check precheck(JobScope scope, String target) {
        return Check.toDo("the settings are set (setting them again changes nothing)");
    }

    @Override
    public String apply(JobScope scope, String target) {
        ExchangeOperation.EnableNegotiate enable = new ExchangeOperation.EnableNegotiate();
        NegotiateSettings settings = scope.write("winrm.enable-negotiate", key(), target, 1, members.render(scope.server(target), enable),
                Map.of(), () -> members.run(scope.server(target), enable));
        scope.remember(key(), target, settings);
        return target + ": Outlook Anywhere internal " + settings.outlookAnywhereInternal() + "; MAPI " + settings.mapiMethods();
    }

    @Override
    public Check verify(JobScope scope, String target) {
        NegotiateSettings settings = (NegotiateSettings) scope.remembered(key(), target).orElseThrow();
        if (!settings.negotiateEverywhere()) {
            throw StepFailed.permanent(target + " still reports Outlook Anywhere " + settings.outlookAnywhereInternal() + " and MAPI "
                    + settings.mapiMethods() + ".");
        }
        return Check.done("Negotiate on Outlook Anywhere and MAPI");
    }
}
