package com.asaconsole.deployment.steps;

import java.util.List;
import java.util.Map;

import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.LdapWrite;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;

import org.springframework.stereotype.Component;

/** Sets msDS-SupportedEncryptionTypes on each ASA to the planned value (24, AES only, by default). */
@Component
class SetEncryptionTypes implements Step {

    @Override
    public String key() {
        return "set-encryption-types";
    }

    @Override
    public String title() {
        return "Set the ASA's encryption types";
    }

    @Override
    public List<String> targets(ChangeScope scope) {
        return scope.accounts().stream().map(AsaInfo::name).toList();
    }

    private static LdapWrite write(AsaInfo asa) {
        return LdapWrite.setEncryptionTypes(ChangeScope.plannedDn(asa), CreateAsaAccount.encryptionTypes(asa));
    }

    @Override
    public List<Operation> operations(ChangeScope scope, String target) {
        AsaInfo asa = scope.asa(target);
        return List.of(Operation.check(CreateAsaAccount.directoryOf(asa), "Skipped when msDS-SupportedEncryptionTypes is already "
                + CreateAsaAccount.encryptionTypes(asa) + "."), Operation.ldap(CreateAsaAccount.directoryOf(asa), write(asa)));
    }

    @Override
    public Check precheck(JobScope scope, String target) {
        AsaInfo asa = scope.asa(target);
        AccountState account = scope.existingAccount(asa);
        int wanted = CreateAsaAccount.encryptionTypes(asa);
        return Integer.valueOf(wanted).equals(account.encryptionTypes())
                ? Check.done("msDS-SupportedEncryptionTypes is " + wanted + " (" + AccountState.describeEncryptionTypes(wanted) + ")")
                : Check.toDo("msDS-SupportedEncryptionTypes is " + AccountState.describeEncryptionTypes(account.encryptionTypes())
                        + ", planned " + wanted);
    }

    @Override
    public String apply(JobScope scope, String target) {
        AsaInfo asa = scope.asa(target);
        AccountState account = scope.existingAccount(asa);
        LdapWrite write = write(asa);
        int wanted = CreateAsaAccount.encryptionTypes(asa);
        scope.write("ldap.account.encryption-types", key(), target, 2, Operation.ldap(CreateAsaAccount.directoryOf(asa), write),
                Map.of("dn", write.dn(), "before", String.valueOf(account.encryptionTypes()), "after", Integer.toString(wanted)), () -> {
                    scope.writes(asa.forest()).write(write, null, "setting the encryption types of " + write.dn());
                    return null;
                });
        return "set msDS-SupportedEncryptionTypes " + account.encryptionTypes() + " → " + wanted + " on " + account.dn();
    }

    @Override
    public Check verify(JobScope scope, String target) {
        return precheck(scope, target);
    }
}
