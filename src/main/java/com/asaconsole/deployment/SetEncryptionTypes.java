package com.asaconsole.deployment;

import java.util.List;
import java.util.Map;

import com.asaconsole.directory.AccountState;
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
    public List<String> targets(JobScope scope) {
        return scope.accounts().stream().map(AsaInfo::name).toList();
    }

    @Override
    public String describe(JobScope scope, String target) {
        AsaInfo asa = scope.asa(target);
        return "LDAP MODIFY " + asa.samAccountName() + " replace msDS-SupportedEncryptionTypes: " + CreateAsaAccount.encryptionTypes(asa);
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
        int wanted = CreateAsaAccount.encryptionTypes(asa);
        scope.write("ldap.account.encryption-types", account.dn(),
                Map.of("before", String.valueOf(account.encryptionTypes()), "after", Integer.toString(wanted)), () -> {
                    scope.directory(asa.forest()).setEncryptionTypes(account.dn(), wanted);
                    return null;
                });
        return "set msDS-SupportedEncryptionTypes " + account.encryptionTypes() + " → " + wanted + " on " + account.dn();
    }

    @Override
    public Check verify(JobScope scope, String target) {
        return precheck(scope, target);
    }
}
