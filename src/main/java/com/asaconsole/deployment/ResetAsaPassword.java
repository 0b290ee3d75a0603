package com.asaconsole.deployment;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.asaconsole.directory.AccountState;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;

import org.springframework.stereotype.Component;

/**
 * Sets the ASA's password in AD to the one this job deployed. It runs after the credential step,
 * so AD changes only once every member holds the new password. Its precheck asks the KDC whether
 * the job's password already works, so a rerun (or a run after a crash) never resets twice.
 */
@Component
class ResetAsaPassword implements Step {

    @Override
    public String key() {
        return "reset-password";
    }

    @Override
    public String title() {
        return "Set the ASA's password in Active Directory";
    }

    @Override
    public List<String> targets(JobScope scope) {
        return scope.accounts().stream().map(AsaInfo::name).toList();
    }

    @Override
    public String describe(JobScope scope, String target) {
        return "LDAP MODIFY " + scope.asa(target).samAccountName() + " replace unicodePwd: ******** "
                + "(only if the KDC does not already accept the deployed password)";
    }

    @Override
    public Check precheck(JobScope scope, String target) {
        AsaInfo asa = scope.asa(target);
        AccountState account = scope.existingAccount(asa);
        boolean inPlace = scope.passwordInPlace(asa);
        if (!inPlace && !scope.membersLeftOut(asa).isEmpty()) {
            throw StepFailed.permanent("This change deploys to some members only; resetting the password of " + asa.samAccountName()
                    + " in AD now would break Kerberos on " + scope.membersLeftOut(asa).stream().map(s -> s.fqdn()).toList()
                    + ", which do not get it. Roll the password with a change over every member of the ASA.");
        }
        return inPlace
                ? Check.done("the KDC accepts the deployed password (key version " + account.keyVersion() + ")")
                : Check.toDo("the KDC does not accept the deployed password yet (key version " + account.keyVersion() + ")");
    }

    @Override
    public String apply(JobScope scope, String target) {
        AsaInfo asa = scope.asa(target);
        AccountState account = scope.existingAccount(asa);
        char[] password = scope.password(asa);
        try {
            scope.write("ldap.account.reset-password", account.dn(),
                    Map.of("keyVersionBefore", String.valueOf(account.keyVersion()), "unicodePwd", "********"), () -> {
                        scope.directory(asa.forest()).setPassword(account.dn(), password);
                        return null;
                    });
        } finally {
            Arrays.fill(password, '\0');
        }
        return "reset the password of " + account.dn();
    }

    @Override
    public Check verify(JobScope scope, String target) {
        return precheck(scope, target);
    }
}
