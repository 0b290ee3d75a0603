package com.asaconsole.deployment;

import java.util.List;
import java.util.Map;

import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.SpnOwner;
import com.asaconsole.planning.PlannedSpn;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;

import org.springframework.stereotype.Component;

/**
 * Registers each planned SPN on its ASA: a forest-wide query first (setspn -F -Q), then an add that
 * refuses duplicates (setspn -S). An SPN held by another account stops the job with its holder named.
 */
@Component
class AssignSpns implements Step {

    @Override
    public String key() {
        return "assign-spns";
    }

    @Override
    public String title() {
        return "Assign the SPNs";
    }

    @Override
    public List<String> targets(JobScope scope) {
        return scope.spns().stream().map(PlannedSpn::spn).toList();
    }

    @Override
    public String describe(JobScope scope, String target) {
        PlannedSpn spn = scope.spn(target);
        return "setspn -F -Q " + spn.spn() + " (must find nothing), then LDAP MODIFY " + scope.asa(spn.asa()).samAccountName()
                + " add servicePrincipalName: " + spn.spn();
    }

    /** Who holds the SPN in the forest: done when exactly the ASA does; refused when anyone else does. */
    static Check holders(JobScope scope, String spn, AsaInfo asa, AccountState account) {
        List<SpnOwner> owners = scope.read(() -> scope.directory(asa.forest()).whoHolds(spn));
        List<SpnOwner> others = owners.stream().filter(o -> !o.dn().equalsIgnoreCase(account.dn())).toList();
        if (!others.isEmpty()) {
            throw StepFailed.permanent("SPN " + spn + " is already registered on " + others.get(0).dn()
                    + "; it can belong to one account only. Move it to " + asa.samAccountName() + " deliberately (setspn -D there first), then retry.");
        }
        return owners.isEmpty() ? Check.toDo(spn + " is not registered anywhere in the forest")
                : Check.done(spn + " is registered on " + account.dn() + " only");
    }

    @Override
    public Check precheck(JobScope scope, String target) {
        AsaInfo asa = scope.asa(scope.spn(target).asa());
        return holders(scope, target, asa, scope.existingAccount(asa));
    }

    @Override
    public String apply(JobScope scope, String target) {
        AsaInfo asa = scope.asa(scope.spn(target).asa());
        AccountState account = scope.existingAccount(asa);
        Object result = scope.write("ldap.spn.add", target, Map.of("account", account.dn()),
                () -> scope.directory(asa.forest()).addSpn(account.dn(), target));
        return "setspn -S " + target + " " + asa.samAccountName() + ": " + result;
    }

    @Override
    public Check verify(JobScope scope, String target) {
        return precheck(scope, target);
    }
}
