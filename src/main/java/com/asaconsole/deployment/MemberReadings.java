package com.asaconsole.deployment;

import java.net.URI;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import com.asaconsole.deployment.steps.RemoteMembers;
import com.asaconsole.deployment.steps.StepFailed;
import com.asaconsole.remoting.AsaStatus;
import com.asaconsole.remoting.ExchangeOperation;
import com.asaconsole.remoting.LogonStats;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

import org.springframework.stereotype.Component;

/**
 * Read-only access to the Client Access members for other modules (the estate checks): the same
 * endpoints, WinRM client, probe URL and TLS trust the deployment steps use, so a check reads a
 * member exactly the way the verify step does. Nothing here writes.
 */
@Component
public class MemberReadings {

    private final RemoteMembers members;

    MemberReadings(RemoteMembers members) {
        this.members = members;
    }

    /** Why a member could not be read, in a sentence; {@code unreachable} when it did not answer. */
    public static final class Unreadable extends RuntimeException {
        private final boolean unreachable;

        Unreadable(String sentence, boolean unreachable) {
            super(sentence);
            this.unreachable = unreachable;
        }

        public boolean unreachable() {
            return unreachable;
        }
    }

    /** Latest and Previous ASA credential on the member ({@code -IncludeAlternateServiceAccountCredentialStatus}). */
    public AsaStatus asaStatus(ServerInfo server) {
        return read(server, new ExchangeOperation.GetAsaStatus());
    }

    /** Successful logons (event 4624) by package over the window. */
    public LogonStats logons(ServerInfo server, Duration window) {
        return read(server, new ExchangeOperation.KerberosLogonStats(window));
    }

    /** The URL the Kerberos probe sends its SPNEGO request to on this member. */
    public URI probeUrl(ServerInfo server) {
        try {
            return members.probeUrl(server);
        } catch (StepFailed e) {
            throw new Unreadable(e.getMessage(), false);
        }
    }

    public SSLContext tls() {
        try {
            return members.tls();
        } catch (StepFailed e) {
            throw new Unreadable(e.getMessage(), false);
        }
    }

    public Duration timeout() {
        return members.timeout();
    }

    private <R> R read(ServerInfo server, ExchangeOperation<R> operation) {
        try {
            return members.run(server, operation);
        } catch (StepFailed e) {
            throw new Unreadable(e.getMessage(), e.transientFault());
        }
    }
}
