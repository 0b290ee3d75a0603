package com.asaconsole.deployment.steps;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.LdapWrite;
import com.asaconsole.planning.PlannedSpn;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;

import org.springframework.stereotype.Component;

/** Rollback: removes from the ASA the SPNs an aborted job registered (setspn -D). */
@Component
class RemoveSpns implements Step {

    @Override
    public String key() {
        return "remove-spns";
    }

    @Override
    public String title() {
        return "Remove the SPNs from the ASA";
    }

    @Override
    public List<String> targets(ChangeScope scope) {
        return scope.rollbackTargets("assign-spns").orElseGet(() -> scope.spns().stream().map(PlannedSpn::spn).toList());
    }

    @Override
    public List<Operation> operations(ChangeScope scope, String target) {
        AsaInfo asa = scope.asa(scope.spn(target).asa());
        return List.of(Operation.ldap(CreateAsaAccount.directoryOf(asa), LdapWrite.removeSpn(ChangeScope.plannedDn(asa), target)));
    }

    private Optional<AccountState> account(JobScope scope, String target) {
        return scope.account(scope.asa(scope.spn(target).asa()));
    }

    @Override
    public Check precheck(JobScope scope, String target) {
        Optional<AccountState> account = account(scope, target);
        if (account.isEmpty()) {
            return Check.done("the ASA does not exist, so it holds no SPN");
        }
        boolean held = account.get().spns().stream().anyMatch(s -> s.equalsIgnoreCase(target));
        return held ? Check.toDo(target + " is registered on " + account.get().dn()) : Check.done(target + " is not on " + account.get().dn());
    }

    @Override
    public String apply(JobScope scope, String target) {
        AsaInfo asa = scope.asa(scope.spn(target).asa());
        AccountState account = scope.existingAccount(asa);
        Object result = scope.write("ldap.spn.remove", key(), target, 1, Operation.ldap(CreateAsaAccount.directoryOf(asa),
                LdapWrite.removeSpn(account.dn(), target)), Map.of("account", account.dn()),
                () -> scope.writes(asa.forest()).removeSpn(account.dn(), target));
        return "setspn -D " + target + " " + asa.samAccountName() + ": " + result;
    }

    @Override
    public Check verify(JobScope scope, String target) {
        return precheck(scope, target);
    }
}
