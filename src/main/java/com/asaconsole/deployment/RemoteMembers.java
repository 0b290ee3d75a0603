package com.asaconsole.deployment;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.asaconsole.remoting.CasEndpoint;
import com.asaconsole.remoting.ExchangeOperation;
import com.asaconsole.remoting.ExchangeRemote;
import com.asaconsole.remoting.ExchangeScripts;
import com.asaconsole.remoting.ExchangeVersion;
import com.asaconsole.remoting.RemoteOperationFailed;
import com.asaconsole.remoting.WinRmLogin;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The Client Access servers as the remote steps reach them: the WinRM client built from
 * {@code asa.remoting.*}, each server's endpoint from the topology, failures as StepFailed
 * (transient when the server did not answer).
 */
@Component
@EnableConfigurationProperties(RemotingProperties.class)
class RemoteMembers {

    private final RemotingProperties properties;
    private volatile ExchangeRemote remote;
    private volatile SSLContext tls;

    RemoteMembers(RemotingProperties properties) {
        this.properties = properties;
    }

    private synchronized ExchangeRemote remote() {
        if (remote == null) {
            if (!properties.configured()) {
                throw StepFailed.permanent("WinRM to the Client Access servers is not configured: set asa.remoting.principal, "
                        + "asa.remoting.password or asa.remoting.keytab, and asa.remoting.trust-store (see docs/operations.md).");
            }
            KeyStore store;
            try {
                store = ExchangeRemote.trustStore(properties.trustStore(), properties.trustStorePassword());
            } catch (IllegalArgumentException e) {
                throw StepFailed.permanent(e.getMessage());
            }
            WinRmLogin login = properties.keytab() != null ? WinRmLogin.keytab(properties.principal(), properties.keytab())
                    : WinRmLogin.password(properties.principal(), properties.password());
            tls = tls(store);
            remote = new ExchangeRemote(login, store);
        }
        return remote;
    }

    SSLContext tls() {
        remote();
        return tls;
    }

    Duration timeout() {
        return properties.timeout();
    }

    /** How the console reaches this server: the host and port of its WinRM endpoint, its Exchange version. */
    CasEndpoint endpoint(ServerInfo server) {
        if (server.winrmAuth() == com.asaconsole.topology.WinRmAuth.NTLM) {
            throw StepFailed.permanent(server.fqdn() + " is set to WinRM with NTLM, which the console does not use (ADR 11): "
                    + "allow Kerberos for WinRM on it and set the server to KERBEROS in the topology.");
        }
        URI uri;
        try {
            uri = URI.create(server.winrmEndpoint() == null ? "https://" + server.fqdn() + ":5986/wsman" : server.winrmEndpoint());
        } catch (IllegalArgumentException e) {
            throw StepFailed.permanent("The WinRM endpoint of " + server.fqdn() + " is not a URL: " + server.winrmEndpoint());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw StepFailed.permanent("The WinRM endpoint of " + server.fqdn() + " must be HTTPS (ADR 11), not " + uri.getScheme() + ".");
        }
        int port = uri.getPort() < 0 ? CasEndpoint.WINRM_HTTPS_PORT : uri.getPort();
        try {
            return new CasEndpoint(uri.getHost(), port, ExchangeVersion.valueOf(server.version().name()), properties.connectTimeout());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw StepFailed.permanent("The WinRM endpoint of " + server.fqdn() + " can't be used: " + e.getMessage());
        }
    }

    /** The URL the Kerberos probe sends its SPNEGO request to on this member. */
    URI probeUrl(ServerInfo server) {
        CasEndpoint endpoint = endpoint(server);
        return URI.create(properties.probeUrl().replace("{host}", endpoint.host()).replace("{winrm-port}", Integer.toString(endpoint.port())));
    }

    /** The operation exactly as this server will receive it: its script and standard input (the password masked). */
    Operation render(ServerInfo server, ExchangeOperation<?> operation) {
        CasEndpoint endpoint = endpoint(server);
        return Operation.remote(server.fqdn() + " (WinRM https://" + endpoint.address() + ", Kerberos)",
                ExchangeScripts.render(operation, endpoint.version(), endpoint.host()));
    }

    <R> R run(ServerInfo server, ExchangeOperation<R> operation) {
        try {
            return remote().run(endpoint(server), operation, properties.timeout());
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

    private static SSLContext tls(KeyStore store) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw StepFailed.permanent("The WinRM trust store cannot be used: " + e.getMessage());
        }
    }
}
