package com.asaconsole.deployment;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.asaconsole.directory.AccountState;
import com.asaconsole.topology.AsaKind;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;

import org.springframework.stereotype.Component;

/** Creates each planned ASA (a computer account by default) with AES encryption types and the job's password. */
@Component
class CreateAsaAccount implements Step {

    static final int DEFAULT_ENCRYPTION_TYPES = 24;

    @Override
    public String key() {
        return "create-account";
    }

    @Override
    public String title() {
        return "Create the ASA account";
    }

    @Override
    public List<String> targets(JobScope scope) {
        return scope.accounts().stream().map(AsaInfo::name).toList();
    }

    static int encryptionTypes(AsaInfo asa) {
        return asa.encryptionTypes() == null ? DEFAULT_ENCRYPTION_TYPES : asa.encryptionTypes();
    }

    @Override
    public String describe(JobScope scope, String target) {
        AsaInfo asa = scope.asa(target);
        return "LDAP ADD " + asa.kind().name().toLowerCase() + " account " + asa.samAccountName() + " in " + asa.ou()
                + " (msDS-SupportedEncryptionTypes " + encryptionTypes(asa) + ", unicodePwd ********)";
    }

    @Override
    public Check precheck(JobScope scope, String target) {
        AsaInfo asa = scope.asa(target);
        return scope.account(asa).map(a -> Check.done("already exists: " + a.dn()))
                .orElseGet(() -> Check.toDo(asa.samAccountName() + " does not exist in " + asa.forest()));
    }

    @Override
    public String apply(JobScope scope, String target) {
        AsaInfo asa = scope.asa(target);
        char[] password = scope.password(asa);
        try {
            AccountState created = scope.write("ldap.account.create", asa.samAccountName() + " in " + asa.ou(),
                    Map.of("kind", asa.kind().name(), "encryptionTypes", Integer.toString(encryptionTypes(asa)), "unicodePwd", "********"),
                    () -> asa.kind() == AsaKind.COMPUTER
                            ? scope.directory(asa.forest()).createComputerAccount(asa.ou(), asa.samAccountName(), encryptionTypes(asa), password)
                            : scope.directory(asa.forest()).createUserAccount(asa.ou(), asa.samAccountName(), encryptionTypes(asa), password,
                                    asa.passwordNeverExpires()));
            return "created " + created.dn();
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public Check verify(JobScope scope, String target) {
        return precheck(scope, target);
    }
}
