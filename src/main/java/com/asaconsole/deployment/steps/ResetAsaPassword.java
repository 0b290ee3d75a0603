package com.asaconsole.deployment.steps;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.LdapWrite;
import com.asaconsole.remoting.AsaStatus;
import com.asaconsole.remoting.ExchangeOperation.GetAsaStatus;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

import org.springframework.stereotype.Component;

/**
 * Sets the ASA's password in AD to the one this job deployed. Its interlock (facts rule 5): AD
 * changes only once every member of the ASA reports this job's password as its Latest credential,
 * read from the members right before, whatever steps the change chose. Its precheck asks the KDC
 * whether the job's password already works, so a rerun (or a run after a crash) never resets twice.
 */
@Component
class ResetAsaPassword implements Step {

    private final RemoteMembers members;

    ResetAsaPassword(RemoteMembers members) {
        this.members = members;
    }

    @Override
    public String key() {
        return "reset-password";
    }

    @Override
    public String title() {
        return "Set the ASA's password in Active Directory";
    }

    @Override
    public List<String> targets(ChangeScope scope) {
        return scope.accounts().stream().map(AsaInfo::name).toList();
    }

    @Override
    public List<Operation> operations(ChangeScope scope, String target) {
        AsaInfo asa = scope.asa(target);
        return List.of(Operation.check("every member of " + asa.name() + " (" + String.join(", ", scope.servers(asa).stream()
                .map(ServerInfo::fqdn).toList()) + ")", "Refused unless each reports the password this job deployed as its Latest "
                        + "credential; skipped when the KDC already accepts that password."),
                Operation.ldap(CreateAsaAccount.directoryOf(asa), LdapWrite.setPassword(ChangeScope.plannedDn(asa))));
    }

    @Override
    public Check precheck(JobScope scope, String target) {
        AsaInfo asa = scope.asa(target);
        AccountState account = scope.existingAccount(asa);
        boolean inPlace = scope.passwordInPlace(asa);
        if (inPlace) {
            return Check.done("the KDC accepts the deployed password (key version " + account.keyVersion() + ")");
        }
        if (!scope.membersLeftOut(asa).isEmpty()) {
            throw StepFailed.permanent("This change deploys to some members only; resetting the password of " + asa.samAccountName()
                    + " in AD now would break Kerberos on " + scope.membersLeftOut(asa).stream().map(s -> s.fqdn()).toList()
                    + ", which do not get it. Roll the password with a change over every member of the ASA.");
        }
        List<String> lacking = new ArrayList<>();
        for (ServerInfo member : scope.servers(asa)) {
            try {
                AsaStatus status = members.run(member, new GetAsaStatus());
                if (!DeployCredential.holdsThisJobs(scope, member, status)) {
                    lacking.add(member.fqdn() + " (" + status.describe() + ")");
                }
            } catch (StepFailed e) {
                lacking.add(member.fqdn() + " (" + e.getMessage() + ")");
            }
        }
        if (!lacking.isEmpty()) {
            throw StepFailed.permanent("The password of " + asa.samAccountName() + " in AD is not reset: not every member holds the "
                    + "new one yet, and Kerberos would fail on those that don't: " + String.join("; ", lacking)
                    + ". Deploy the credential to them (retry the credential step), then retry.");
        }
        return Check.toDo("every member holds the new password; the KDC does not accept it yet (key version " + account.keyVersion() + ")");
    }

    @Override
    public String apply(JobScope scope, String target) {
        AsaInfo asa = scope.asa(target);
        AccountState account = scope.existingAccount(asa);
        LdapWrite write = LdapWrite.setPassword(account.dn());
        char[] password = scope.password(asa);
        try {
            scope.write("ldap.account.reset-password", key(), target, 2, Operation.ldap(CreateAsaAccount.directoryOf(asa), write),
                    Map.of("dn", write.dn(), "keyVersionBefore", String.valueOf(account.keyVersion()), "unicodePwd", "********"), () -> {
                        scope.writes(asa.forest()).write(write, password, "resetting the password of " + write.dn());
                        return null;
                    });
        } finally {
            Arrays.fill(password, '\0');
        }
        return "reset the password of " + account.dn();
    }

    @Override
    public Check verify(JobScope scope, String target) {
        AsaInfo asa = scope.asa(target);
        AccountState account = scope.existingAccount(asa);
        return scope.passwordInPlace(asa) ? Check.done("the KDC accepts the deployed password (key version " + account.keyVersion() + ")")
                : Check.toDo("the KDC does not accept the deployed password (key version " + account.keyVersion() + ")");
    }
}
