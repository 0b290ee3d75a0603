package com.asaconsole.deployment.steps;

import java.util.List;
import java.util.Optional;

import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.kerberos.ServiceTicket;
import com.asaconsole.planning.PlannedSpn;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;

import org.springframework.stereotype.Component;

/**
 * Proves each SPN from the directory side: exactly one owner (the ASA), and the KDC issues a
 * service ticket for it with AES and the ASA's current key version. Read-only.
 */
@Component
class VerifyDirectory implements Step {

    @Override
    public String key() {
        return "verify-directory";
    }

    @Override
    public String title() {
        return "Verify the SPNs and the tickets the KDC issues";
    }

    @Override
    public List<String> targets(ChangeScope scope) {
        return scope.spns().stream().map(PlannedSpn::spn).toList();
    }

    @Override
    public List<Operation> operations(ChangeScope scope, String target) {
        AsaInfo asa = scope.asa(scope.spn(target).asa());
        return List.of(Operation.check("the Global Catalog of " + asa.forest(), "setspn -Q " + target + ": exactly one owner, " + asa.name() + "."),
                Operation.check("the KDC of " + asa.forest(), "A service ticket for " + target
                        + " (the forest's probe identity asks): AES and the key version " + asa.samAccountName() + " has now."));
    }

    @Override
    public Check precheck(JobScope scope, String target) {
        AsaInfo asa = scope.asa(scope.spn(target).asa());
        AccountState account = scope.existingAccount(asa);
        Check owner = AssignSpns.holders(scope, target, asa, account, Optional.empty());
        if (!owner.done()) {
            throw StepFailed.permanent(target + " is not registered on any account; Kerberos for it fails (KDC_ERR_S_PRINCIPAL_UNKNOWN).");
        }
        Optional<DirectorySettings.ProbeIdentity> probe = scope.probe(asa.forest());
        if (probe.isEmpty()) {
            throw StepFailed.permanent("No probe identity is set for " + asa.forest()
                    + ", so the console can't ask the KDC for a ticket. Set one under Directory connections, then retry.");
        }
        ServiceTicket ticket;
        try {
            ticket = scope.kdc().serviceTicket(probe.get().principal(), probe.get().password(), target);
        } catch (RuntimeException e) {
            throw new StepFailed(e.getMessage(), false);
        }
        if (!ticket.strong()) {
            throw StepFailed.permanent("The KDC issued a ticket for " + target + " with encryption type " + ticket.ticketEncryptionType()
                    + ", not AES; check msDS-SupportedEncryptionTypes on " + asa.samAccountName() + ".");
        }
        if (account.keyVersion() != null && ticket.keyVersion() != account.keyVersion()) {
            throw new StepFailed("The ticket for " + target + " has key version " + ticket.keyVersion() + " but " + asa.samAccountName()
                    + " is at " + account.keyVersion() + "; replication may be behind.", true);
        }
        return Check.done(owner.detail() + "; the KDC issued an AES ticket (type " + ticket.ticketEncryptionType() + ", key version "
                + ticket.keyVersion() + ")");
    }

    @Override
    public String apply(JobScope scope, String target) {
        throw new IllegalStateException("verify-directory only reads");
    }

    @Override
    public Check verify(JobScope scope, String target) {
        return precheck(scope, target);
    }
}
