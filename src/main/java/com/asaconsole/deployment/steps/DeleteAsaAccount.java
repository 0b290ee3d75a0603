package com.asaconsole.deployment.steps;

import java.util.List;
import java.util.Map;

import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.LdapWrite;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;

import org.springframework.stereotype.Component;

/** Rollback: deletes an ASA account that an aborted job created (and nothing it found already there). */
@Component
class DeleteAsaAccount implements Step {

    @Override
    public String key() {
        return "delete-account";
    }

    @Override
    public String title() {
        return "Delete the ASA account";
    }

    @Override
    public List<String> targets(ChangeScope scope) {
        return scope.rollbackTargets("create-account").orElseGet(() -> scope.accounts().stream().map(AsaInfo::name).toList());
    }

    @Override
    public List<Operation> operations(ChangeScope scope, String target) {
        AsaInfo asa = scope.asa(target);
        return List.of(Operation.ldap(CreateAsaAccount.directoryOf(asa), LdapWrite.delete(ChangeScope.plannedDn(asa))));
    }

    @Override
    public Check precheck(JobScope scope, String target) {
        AsaInfo asa = scope.asa(target);
        return scope.account(asa).map(a -> Check.toDo(a.dn() + " exists"))
                .orElseGet(() -> Check.done(asa.samAccountName() + " does not exist"));
    }

    @Override
    public String apply(JobScope scope, String target) {
        AsaInfo asa = scope.asa(target);
        AccountState account = scope.existingAccount(asa);
        scope.write("ldap.account.delete", key(), target, 1, Operation.ldap(CreateAsaAccount.directoryOf(asa), LdapWrite.delete(account.dn())),
                Map.of("dn", account.dn(), "spns", String.join(" ", account.spns())), () -> {
                    scope.writes(asa.forest()).deleteAccount(account.dn());
                    return null;
                });
        return "deleted " + account.dn();
    }

    @Override
    public Check verify(JobScope scope, String target) {
        return precheck(scope, target);
    }
}
