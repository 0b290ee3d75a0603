package com.asaconsole.deployment.steps;

import java.util.List;
import java.util.Map;

import com.asaconsole.remoting.ExchangeOperation.ConvertOabVirtualDirectory;
import com.asaconsole.remoting.OabConversion;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

import org.springframework.stereotype.Component;

/**
 * Exchange 2010: converts the OAB virtual directory so OAB downloads can use the ASA. Microsoft's
 * script is idempotent and Exchange shows no readable "converted" flag, so the precheck can't skip
 * it; on Windows Server 2012 the server is left alone with a warning (KB 2961921).
 */
@Component
public class ConvertOab extends MemberStep {

    ConvertOab(RemoteMembers members) {
        super(members);
    }

    @Override
    public String key() {
        return "convert-oab";
    }

    @Override
    public String title() {
        return "Convert the OAB virtual directory (Exchange 2010)";
    }

    @Override
    public List<String> targets(ChangeScope scope) {
        return scope.members().stream().filter(s -> s.version().isLegacy()).map(ServerInfo::fqdn).toList();
    }

    public static final ConvertOabVirtualDirectory CONVERT = new ConvertOabVirtualDirectory(ConvertOabVirtualDirectory.DEFAULT_SCRIPT_PATH, false);

    @Override
    public List<Operation> operations(ChangeScope scope, String target) {
        return List.of(members.render(scope.server(target), CONVERT));
    }

    @Override
    public Check precheck(JobScope scope, String target) {
        return Check.toDo("the conversion script is idempotent; it runs");
    }

    @Override
    public String apply(JobScope scope, String target) {
        OabConversion result = scope.write("winrm.convert-oab", key(), target, 1, members.render(scope.server(target), CONVERT), Map.of(),
                () -> members.run(scope.server(target), CONVERT));
        scope.remember(key(), target, result);
        return "OAB virtual directory on " + target + " (" + result.operatingSystem() + "): "
                + (result.converted() ? "converted" : "left alone") + (result.warning() == null ? "" : "; " + result.warning());
    }

    @Override
    public Check verify(JobScope scope, String target) {
        OabConversion result = (OabConversion) scope.remembered(key(), target).orElseThrow();
        if (!result.converted()) {
            throw StepFailed.permanent(target + ": the OAB virtual directory was not converted"
                    + (result.warning() == null ? "." : ": " + result.warning()));
        }
        return Check.done("converted");
    }
}
