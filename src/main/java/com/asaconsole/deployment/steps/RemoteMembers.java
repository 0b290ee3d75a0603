package com.asaconsole.deployment.steps;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import com.asaconsole.remoting.CasEndpoint;
import com.asaconsole.remoting.ExchangeOperation;
import com.asaconsole.remoting.ExchangeRemote;
import com.asaconsole.remoting.ExchangeScripts;
import com.asaconsole.remoting.ExchangeServers;
import com.asaconsole.remoting.ExchangeVersion;
import com.asaconsole.remoting.RemoteOperationFailed;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

import org.springframework.stereotype.Component;

/**
 * The Client Access servers as the remote steps reach them: the WinRM client configured by
 * {@code asa.remoting.*} ({@link ExchangeServers}), each server's endpoint from the topology, failures
 * as StepFailed (transient when the server did not answer).
 */
@Component
public class RemoteMembers {

    private final ExchangeServers servers;

    RemoteMembers(ExchangeServers servers) {
        this.servers = servers;
    }

    private ExchangeRemote remote() {
        try {
            return servers.remote();
        } catch (IllegalStateException e) {
            throw StepFailed.permanent(e.getMessage());
        }
    }

    public SSLContext tls() {
        try {
            return servers.tls();
        } catch (IllegalStateException e) {
            throw StepFailed.permanent(e.getMessage());
        }
    }

    public Duration timeout() {
        return servers.properties().timeout();
    }

    /** How the console reaches this server: the host and port of its WinRM endpoint, its Exchange version. */
    CasEndpoint endpoint(ServerInfo server) {
        if (server.winrmAuth() == com.asaconsole.topology.WinRmAuth.NTLM) {
            throw StepFailed.permanent(server.fqdn() + " is set to WinRM with NTLM, which the console does not use (ADR 11): "
                    + "allow Kerberos for WinRM on it and set the server to KERBEROS in the topology.");
        }
        String endpoint = server.winrmEndpoint() == null ? "https://" + server.fqdn() + ":5986/wsman" : server.winrmEndpoint();
        try {
            return servers.endpoint(server.fqdn(), endpoint, ExchangeVersion.valueOf(server.version().name()));
        } catch (IllegalArgumentException e) {
            throw StepFailed.permanent(e.getMessage());
        }
    }

    /** The URL the Kerberos probe sends its SPNEGO request to on this member. */
    public URI probeUrl(ServerInfo server) {
        CasEndpoint endpoint = endpoint(server);
        return URI.create(servers.properties().probeUrl().replace("{host}", endpoint.host())
                .replace("{winrm-port}", Integer.toString(endpoint.port())));
    }

    /** The operation exactly as this server will receive it: its script and standard input (the password masked). */
    Operation render(ServerInfo server, ExchangeOperation<?> operation) {
        CasEndpoint endpoint = endpoint(server);
        return Operation.remote(server.fqdn() + " (WinRM https://" + endpoint.address() + ", Kerberos)",
                ExchangeScripts.render(operation, endpoint.version(), endpoint.host()));
    }

    public <R> R run(ServerInfo server, ExchangeOperation<R> operation) {
        try {
            return remote().run(endpoint(server), operation, timeout());
        } catch (RemoteOperationFailed e) {
            throw new StepFailed(e.getMessage(), transientFault(e.reason()));
        }
    }

    private static boolean transientFault(RemoteOperationFailed.Reason reason) {
        return switch (reason.name()) {
            case "UNREACHABLE", "TIMEOUT" -> true;
            default -> false;
        };
    }

    static Optional<ServerInfo> find(JobScope scope, String fqdn) {
        return scope.document().topology().servers().stream().filter(s -> s.fqdn().equalsIgnoreCase(fqdn)).findFirst();
    }
}
