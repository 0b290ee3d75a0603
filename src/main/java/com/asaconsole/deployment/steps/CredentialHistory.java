package com.asaconsole.deployment.steps;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import com.asaconsole.deployment.DeploymentJob;
import com.asaconsole.directory.AccountState;
import com.asaconsole.remoting.AsaStatus;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a member's Latest ASA credential is the one Active Directory has now (facts rules 4 and 5).
 * A member only reports the account and when it received it, so: it is current when it received it
 * after AD's password was last set, or when a job of this console set that password after giving
 * this member the new one first (the roll order: members, then AD).
 */
@Component
public class CredentialHistory {

    /** Kerberos' clock-skew tolerance: member, console and DC clocks may differ by this much. */
    static final Duration SKEW = Duration.ofMinutes(5);

    private final JdbcClient jdbc;

    CredentialHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Why {@code member} does not hold {@code asa}'s current credential, or empty when it does. */
    Optional<String> notCurrent(AsaInfo asa, ServerInfo member, AsaStatus status, AccountState account) {
        if (!status.holds(asa.name())) {
            return Optional.of(member.fqdn() + " does not hold " + asa.name() + " as its Latest credential (" + status.describe() + ")");
        }
        Instant added = status.latest().added();
        Instant lastSet = account.passwordLastSet();
        if (lastSet == null || added == null || !added.isBefore(lastSet.minus(SKEW)) || rolledAfterPushing(asa, member, added, lastSet)) {
            return Optional.empty();
        }
        return Optional.of(member.fqdn() + " received " + asa.name() + " at " + added + ", but the password in Active Directory was set at "
                + lastSet + ", after that, and not by a console job that gave " + member.fqdn() + " the new password first");
    }

    /** A console job reset the ASA's password at {@code lastSet} after giving this member a credential it still holds. */
    private boolean rolledAfterPushing(AsaInfo asa, ServerInfo member, Instant added, Instant lastSet) {
        return jdbc.sql("SELECT count(*) FROM job_task r JOIN job_step rs ON rs.job_id = r.job_id AND rs.position = r.position "
                + "JOIN job_task d ON d.job_id = r.job_id JOIN job_step ds ON ds.job_id = d.job_id AND ds.position = d.position "
                + "WHERE rs.step_key = 'reset-password' AND r.target = :asa AND r.applied = TRUE "
                + "AND r.applied_at <= :lastSetLate AND r.ended_at >= :lastSetEarly "
                + "AND ds.step_key IN ('deploy-credential', 'copy-credential') AND d.status = :done AND LOWER(d.target) = :member "
                + "AND d.started_at <= :addedLate")
                .param("done", DeploymentJob.StepStatus.DONE.name()).param("asa", asa.name()).param("member", member.fqdn().toLowerCase(java.util.Locale.ROOT))
                .param("lastSetLate", at(lastSet.plus(SKEW))).param("lastSetEarly", at(lastSet.minus(SKEW)))
                .param("addedLate", at(added.plus(SKEW))).query(Integer.class).single() > 0;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
