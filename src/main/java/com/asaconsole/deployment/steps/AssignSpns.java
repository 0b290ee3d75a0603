package com.asaconsole.deployment.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.LdapWrite;
import com.asaconsole.directory.SpnOwner;
import com.asaconsole.planning.PlannedMove;
import com.asaconsole.planning.PlannedSpn;
import com.asaconsole.remoting.AsaStatus;
import com.asaconsole.remoting.ExchangeOperation.GetAsaStatus;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

import org.springframework.stereotype.Component;

/**
 * Registers each planned SPN on its ASA. Its interlock (facts rule 4), whatever steps the change
 * chose: no SPN is added unless every member serving its name reports the ASA's current credential
 * as Latest, read from the members right before. Then a forest-wide query (setspn -F -Q): an SPN
 * the plan moves (from a CAS computer account or another ASA of the estate) is removed there first,
 * as its own audited write; any other holder stops the job with its name. Then the add, which
 * refuses duplicates (setspn -S).
 */
@Component
class AssignSpns implements Step {

    private final RemoteMembers members;

    AssignSpns(RemoteMembers members) {
        this.members = members;
    }

    @Override
    public String key() {
        return "assign-spns";
    }

    @Override
    public String title() {
        return "Assign the SPNs";
    }

    @Override
    public List<String> targets(ChangeScope scope) {
        return scope.spns().stream().map(PlannedSpn::spn).toList();
    }

    @Override
    public List<Operation> operations(ChangeScope scope, String target) {
        PlannedSpn spn = scope.spn(target);
        AsaInfo asa = scope.asa(spn.asa());
        Optional<PlannedMove> move = scope.document().plan().move(target);
        List<Operation> ops = new ArrayList<>();
        ops.add(Operation.check("the members serving " + spn.host() + " (" + String.join(", ", scope.serving(spn).stream().map(ServerInfo::fqdn)
                .toList()) + ")", "Refused unless each reports " + asa.name() + " as its Latest credential, and that credential is the one "
                        + "Active Directory has now (the credential before the SPN, facts rule 4)."));
        ops.add(Operation.check("the Global Catalog of " + asa.forest(), "setspn -F -Q " + target + ": skipped when only " + asa.samAccountName()
                + " holds it; refused when an account other than " + move.map(m -> m.fromSam() + " (a planned move) or ").orElse("")
                + asa.samAccountName() + " holds it."));
        move.ifPresent(m -> ops.add(Operation.ldap(CreateAsaAccount.directoryOf(asa) + ": remove from " + m.fromSam() + ", " + m.why(),
                LdapWrite.removeSpn(m.fromDn(), target))));
        ops.add(Operation.ldap(CreateAsaAccount.directoryOf(asa), LdapWrite.addSpn(ChangeScope.plannedDn(asa), target)));
        return ops;
    }

    /** Who holds the SPN in the forest: done when exactly the ASA does; refused when anyone else does (a planned move's source aside). */
    static Check holders(JobScope scope, String spn, AsaInfo asa, AccountState account, Optional<PlannedMove> move) {
        List<SpnOwner> owners = scope.read(() -> scope.directory(asa.forest()).whoHolds(spn));
        List<SpnOwner> others = owners.stream().filter(o -> !o.dn().equalsIgnoreCase(account.dn()))
                .filter(o -> move.isEmpty() || !o.dn().equalsIgnoreCase(move.get().fromDn())).toList();
        if (!others.isEmpty()) {
            throw StepFailed.permanent("SPN " + spn + " is already registered on " + others.get(0).dn()
                    + "; it can belong to one account only, and the approved change does not move it from there. Remove it there "
                    + "deliberately (setspn -D) or store the plan again so that it plans the move, then retry.");
        }
        boolean onSource = move.isPresent() && owners.stream().anyMatch(o -> o.dn().equalsIgnoreCase(move.get().fromDn()));
        if (onSource) {
            return Check.toDo(spn + " is on " + move.get().fromSam() + ": the planned move removes it there, then adds it to "
                    + asa.samAccountName());
        }
        return owners.isEmpty() ? Check.toDo(spn + " is not registered anywhere in the forest")
                : Check.done(spn + " is registered on " + account.dn() + " only");
    }

    @Override
    public Check precheck(JobScope scope, String target) {
        PlannedSpn spn = scope.spn(target);
        AsaInfo asa = scope.asa(spn.asa());
        AccountState account = scope.existingAccount(asa);
        Check holders = holders(scope, target, asa, account, scope.document().plan().move(target));
        if (!holders.done()) {
            requireCredentialOnMembers(scope, spn, asa, account);
        }
        return holders;
    }

    /** The interlock: every member serving the SPN's name holds the ASA's current credential as Latest. */
    private void requireCredentialOnMembers(JobScope scope, PlannedSpn spn, AsaInfo asa, AccountState account) {
        List<String> problems = new ArrayList<>();
        List<ServerInfo> serving = scope.change().serving(spn);
        if (serving.isEmpty()) {
            problems.add("no server of the plan serves " + spn.host());
        }
        for (ServerInfo member : serving) {
            try {
                AsaStatus status = members.run(member, new GetAsaStatus());
                scope.history().notCurrent(asa, member, status, account).ifPresent(problems::add);
            } catch (StepFailed e) {
                problems.add(member.fqdn() + " could not be asked (" + e.getMessage() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw StepFailed.permanent("SPN " + spn.spn() + " was not added: adding it before every member serving " + spn.host()
                    + " holds the ASA's current credential would break Kerberos for clients (facts rule 4). " + String.join("; ", problems)
                    + ". Deploy the credential (step 2) to them, then retry.");
        }
    }

    @Override
    public String apply(JobScope scope, String target) {
        PlannedSpn spn = scope.spn(target);
        AsaInfo asa = scope.asa(spn.asa());
        AccountState account = scope.existingAccount(asa);
        Optional<PlannedMove> move = scope.document().plan().move(target);
        int n = 3;
        StringBuilder line = new StringBuilder();
        if (move.isPresent()) {
            PlannedMove m = move.get();
            LdapWrite remove = LdapWrite.removeSpn(m.fromDn(), target);
            Object removed = scope.write("ldap.spn.remove", key(), target, n++, Operation.ldap(CreateAsaAccount.directoryOf(asa)
                    + ": remove from " + m.fromSam() + ", " + m.why(), remove), Map.of("account", m.fromDn(), "move", "1 of 2: from "
                            + m.fromSam()), () -> scope.writes(asa.forest()).removeSpn(m.fromDn(), target));
            line.append("setspn -D ").append(target).append(' ').append(m.fromSam()).append(": ").append(removed).append("; ");
        }
        LdapWrite add = LdapWrite.addSpn(account.dn(), target);
        Map<String, String> details = move.isPresent() ? Map.of("account", account.dn(), "move", "2 of 2: to " + asa.samAccountName())
                : Map.of("account", account.dn());
        Object result = scope.write("ldap.spn.add", key(), target, n, Operation.ldap(CreateAsaAccount.directoryOf(asa), add), details,
                () -> scope.writes(asa.forest()).addSpn(account.dn(), target));
        return line + "setspn -S " + target + " " + asa.samAccountName() + ": " + result;
    }

    @Override
    public Check verify(JobScope scope, String target) {
        PlannedSpn spn = scope.spn(target);
        AsaInfo asa = scope.asa(spn.asa());
        Check check = holders(scope, target, asa, scope.existingAccount(asa), Optional.empty());
        return check;
    }
}
