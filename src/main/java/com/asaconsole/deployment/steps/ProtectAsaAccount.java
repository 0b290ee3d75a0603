package com.asaconsole.deployment.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.asaconsole.directory.AccountSafety;
import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.DeletionProtection;
import com.asaconsole.directory.LdapWrite;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;

import org.springframework.stereotype.Component;

/**
 * Keeps each ASA alive: protects it from accidental deletion (a deny ACE for Everyone on Delete and
 * Delete subtree, what ADUC's check box writes) and gives it the description stale-computer clean-up
 * scripts and admins read before deleting a computer that never logs on. Each half is skipped when
 * it is in place already; a description that marks the account already is left as its author wrote it.
 */
@Component
class ProtectAsaAccount implements Step {

    /** What the description says when the console writes it. */
    static final String DESCRIPTION = "Exchange Alternate Service Account (Kerberos for the load-balanced namespaces): do not delete or disable";

    @Override
    public String key() {
        return "protect-account";
    }

    @Override
    public String title() {
        return "Protect the ASA from deletion and mark it";
    }

    @Override
    public List<String> targets(ChangeScope scope) {
        return scope.accounts().stream().map(AsaInfo::name).toList();
    }

    private static DeletionProtection protection(AsaInfo asa) {
        return new DeletionProtection(ChangeScope.plannedDn(asa));
    }

    private static LdapWrite description(AsaInfo asa) {
        return new LdapWrite(ChangeScope.plannedDn(asa), LdapWrite.Change.MODIFY, List.of(new LdapWrite.Item(LdapWrite.Item.Op.REPLACE,
                "description", List.of(DESCRIPTION), false)));
    }

    @Override
    public List<Operation> operations(ChangeScope scope, String target) {
        AsaInfo asa = scope.asa(target);
        String on = CreateAsaAccount.directoryOf(asa);
        return List.of(Operation.check(on, "Each write below is skipped when it is in place already: the ACE "
                + DeletionProtection.ACE_SDDL + " in the ASA's DACL, the ACE " + DeletionProtection.PARENT_ACE_SDDL
                + " in its container's, a description that names the account an (Exchange) ASA."),
                Operation.ldapText(on, protection(asa).describe()), Operation.ldap(on, description(asa)));
    }

    private static String missing(AccountSafety safety) {
        List<String> missing = new ArrayList<>();
        if (!safety.protectedFromDeletion()) {
            missing.add("not protected from accidental deletion");
        }
        if (!safety.markedAsAsa()) {
            missing.add("description " + (safety.description() == null ? "(none)" : "\"" + safety.description() + "\"")
                    + " does not mark it");
        }
        return String.join("; ", missing);
    }

    @Override
    public Check precheck(JobScope scope, String target) {
        AsaInfo asa = scope.asa(target);
        AccountState account = scope.existingAccount(asa);
        AccountSafety safety = scope.read(() -> scope.directory(asa.forest()).safety(account.dn()));
        String missing = missing(safety);
        return missing.isEmpty() ? Check.done("protected from accidental deletion and marked: \"" + safety.description() + "\"")
                : Check.toDo(missing);
    }

    @Override
    public String apply(JobScope scope, String target) {
        AsaInfo asa = scope.asa(target);
        AccountState account = scope.existingAccount(asa);
        AccountSafety safety = scope.read(() -> scope.directory(asa.forest()).safety(account.dn()));
        var directory = scope.writes(asa.forest());
        String on = CreateAsaAccount.directoryOf(asa);
        List<String> done = new ArrayList<>();
        if (!safety.protectedFromDeletion()) {
            DeletionProtection protection = protection(asa);
            scope.write("ldap.account.protect", key(), target, 2, Operation.ldapText(on, protection.describe()),
                    Map.of("dn", account.dn(), "ace", DeletionProtection.ACE_SDDL), () -> {
                        directory.protect(protection);
                        return null;
                    });
            done.add("denied Everyone Delete and Delete subtree " + DeletionProtection.ACE_SDDL);
        }
        if (!safety.markedAsAsa()) {
            LdapWrite write = description(asa);
            scope.write("ldap.account.description", key(), target, 3, Operation.ldap(on, write),
                    Map.of("dn", account.dn(), "before", String.valueOf(safety.description())), () -> {
                        directory.write(write, null, "setting the description of " + write.dn());
                        return null;
                    });
            done.add("set the description");
        }
        return String.join(" and ", done) + " on " + account.dn();
    }

    @Override
    public Check verify(JobScope scope, String target) {
        return precheck(scope, target);
    }
}
