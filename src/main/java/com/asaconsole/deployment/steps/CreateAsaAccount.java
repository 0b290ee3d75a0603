package com.asaconsole.deployment.steps;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.asaconsole.directory.LdapWrite;
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
    public List<String> targets(ChangeScope scope) {
        return scope.accounts().stream().map(AsaInfo::name).toList();
    }

    static int encryptionTypes(AsaInfo asa) {
        return asa.encryptionTypes() == null ? DEFAULT_ENCRYPTION_TYPES : asa.encryptionTypes();
    }

    /** Where a forest's LDAP writes go, as the operations name it. */
    static String directoryOf(AsaInfo asa) {
        return "the forest " + asa.forest() + " (LDAPS to the DC of its directory connection)";
    }

    private static LdapWrite write(AsaInfo asa) {
        return LdapWrite.createAccount(asa.ou(), asa.samAccountName(), asa.kind() == AsaKind.COMPUTER, encryptionTypes(asa),
                asa.passwordNeverExpires());
    }

    @Override
    public List<Operation> operations(ChangeScope scope, String target) {
        AsaInfo asa = scope.asa(target);
        return List.of(Operation.check("the Global Catalog of " + asa.forest(), "Skipped when an account with sAMAccountName "
                + asa.samAccountName() + " exists at the planned DN; refused when it exists elsewhere."),
                Operation.ldap(directoryOf(asa), write(asa)));
    }

    @Override
    public Check precheck(JobScope scope, String target) {
        AsaInfo asa = scope.asa(target);
        return scope.account(asa).map(a -> {
            JobScope.requirePlannedDn(asa, a);
            return Check.done("already exists: " + a.dn());
        }).orElseGet(() -> Check.toDo(asa.samAccountName() + " does not exist in " + asa.forest()));
    }

    @Override
    public String apply(JobScope scope, String target) {
        AsaInfo asa = scope.asa(target);
        LdapWrite write = write(asa);
        char[] password = scope.password(asa);
        try {
            scope.write("ldap.account.create", key(), target, 2, Operation.ldap(directoryOf(asa), write),
                    Map.of("dn", write.dn(), "kind", asa.kind().name(), "encryptionTypes", Integer.toString(encryptionTypes(asa)),
                            "unicodePwd", "********"), () -> {
                                scope.writes(asa.forest()).write(write, password, "creating " + write.dn());
                                return null;
                            });
            return "created " + write.dn();
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public Check verify(JobScope scope, String target) {
        return precheck(scope, target);
    }
}
