package com.asaconsole.deployment.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.kerberos.KerberosProbe;
import com.asaconsole.planning.PlannedSpn;
import com.asaconsole.remoting.AsaStatus;
import com.asaconsole.remoting.ExchangeOperation;
import com.asaconsole.remoting.LogonStats;
import com.asaconsole.remoting.ExchangeOperation.GetAsaStatus;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

import org.springframework.stereotype.Component;

/**
 * The proof, member by member: the member holds the ASA as its Latest credential, and a Kerberos
 * ticket for each namespace http/ SPN, sent as SPNEGO straight to that member (not through the load
 * balancer), is accepted. A member without the current key refuses it ("Checksum failed"), as a real
 * CAS does. The member's recent logon counts by package (Kerberos vs NTLM) are reported beside. Read-only.
 */
@Component
class VerifyMembers extends MemberStep {

    VerifyMembers(RemoteMembers members) {
        super(members);
    }

    @Override
    public String key() {
        return "verify-members";
    }

    @Override
    public String title() {
        return "Verify Kerberos on every Client Access server";
    }

    static final java.time.Duration LOGON_WINDOW = java.time.Duration.ofHours(1);

    @Override
    public List<Operation> operations(ChangeScope scope, String target) {
        ServerInfo server = scope.server(target);
        List<String> spns = scope.spns().stream().filter(s -> s.asa().equals(server.asa())).map(PlannedSpn::spn)
                .filter(s -> s.toLowerCase(Locale.ROOT).startsWith("http/")).toList();
        return List.of(members.render(server, new GetAsaStatus()),
                Operation.check(target, "Latest must be " + server.asa() + "; a Kerberos ticket for each of " + (spns.isEmpty() ? "(no http/ SPN)"
                        : String.join(", ", spns)) + " sent straight to " + target + " (SPNEGO, not through the load balancer) must be accepted."),
                members.render(server, new ExchangeOperation.KerberosLogonStats(LOGON_WINDOW)));
    }

    @Override
    public Check precheck(JobScope scope, String target) {
        ServerInfo server = scope.server(target);
        AsaInfo asa = scope.asa(server.asa());
        AsaStatus status = members.run(server, new GetAsaStatus());
        List<String> problems = new ArrayList<>();
        if (status.latest() == null || !status.latest().account().equalsIgnoreCase(asa.name())) {
            problems.add(target + " does not hold " + asa.name() + " as its current ASA credential (" + status.describe() + ")");
        }
        List<String> spns = scope.spns().stream().filter(s -> s.asa().equals(asa.name()))
                .map(PlannedSpn::spn).filter(s -> s.toLowerCase(Locale.ROOT).startsWith("http/")).toList();
        DirectorySettings.ProbeIdentity probe = scope.probe(asa.forest()).orElseThrow(() -> StepFailed.permanent(
                "No probe identity is set for " + asa.forest() + ", so the console can't test Kerberos on the members."));
        List<String> accepted = new ArrayList<>();
        try (KerberosProbe kerberos = KerberosProbe.signIn(probe.principal(), probe.password())) {
            for (String spn : spns) {
                KerberosProbe.Result result = kerberos.probe(spn, members.probeUrl(server), members.tls(), members.timeout());
                if (result.accepted()) {
                    accepted.add(spn + (result.ticket() == null ? "" : " (kvno " + result.ticket().keyVersion() + ")"));
                } else {
                    problems.add(result.sentence());
                }
            }
        } catch (StepFailed e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StepFailed("The Kerberos probe of " + target + " failed: " + e.getMessage(), false);
        }
        if (!problems.isEmpty()) {
            throw StepFailed.permanent(String.join("; ", problems) + ". Kerberos fails for clients the load balancer sends to "
                    + target + ": deploy the credential to it.");
        }
        // what clients did on this member lately (event 4624): information for the admin, not part of the verdict
        String logons;
        try {
            LogonStats stats = members.run(server, new ExchangeOperation.KerberosLogonStats(LOGON_WINDOW));
            logons = "; logons in the last hour: Kerberos " + stats.kerberos() + ", NTLM " + stats.ntlm();
        } catch (StepFailed e) {
            logons = "; logon counts not readable (" + e.getMessage() + ")";
        }
        return Check.done(status.describe() + "; Kerberos accepted for " + String.join(", ", accepted) + logons);
    }

    @Override
    public String apply(JobScope scope, String target) {
        throw new IllegalStateException("verify-members only reads");
    }

    @Override
    public Check verify(JobScope scope, String target) {
        return precheck(scope, target);
    }
}
