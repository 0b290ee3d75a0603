package com.asaconsole.remoting;

import java.net.URI;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The Client Access servers as this console reaches them, configured by {@code asa.remoting.*}: one
 * WinRM client (built on first use, so a console without WinRM settings still starts), the trust it
 * validates certificates with, and where each server's listener is.
 */
@Component
@EnableConfigurationProperties(RemotingProperties.class)
public class ExchangeServers {

    private final RemotingProperties properties;
    private ExchangeRemote remote;
    private SSLContext tls;

    private final io.micrometer.core.instrument.MeterRegistry metrics;

    ExchangeServers(RemotingProperties properties, io.micrometer.core.instrument.MeterRegistry metrics) {
        this.properties = properties;
        this.metrics = metrics;
    }

    public RemotingProperties properties() {
        return properties;
    }

    /**
     * The WinRM client.
     *
     * @throws IllegalStateException with a sentence naming the settings, when WinRM is not configured or its trust store unusable
     */
    public synchronized ExchangeRemote remote() {
        if (remote == null) {
            if (!properties.configured()) {
                throw new IllegalStateException("WinRM to the Client Access servers is not configured: set asa.remoting.principal, "
                        + "asa.remoting.password or asa.remoting.keytab, and asa.remoting.trust-store (see docs/operations.md).");
            }
            KeyStore store;
            try {
                store = ExchangeRemote.trustStore(properties.trustStore(), properties.trustStorePassword());
                tls = ExchangeRemote.tls(store);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            WinRmLogin login = properties.keytab() != null ? WinRmLogin.keytab(properties.principal(), properties.keytab())
                    : WinRmLogin.password(properties.principal(), properties.password());
            remote = new ExchangeRemote(login, store, metrics);
        }
        return remote;
    }

    /** The TLS trust of the WinRM client, for the probes that talk to the same servers. */
    public SSLContext tls() {
        remote();
        synchronized (this) {
            return tls;
        }
    }

    /**
     * How the console reaches a server by name: its configured endpoint or {@code https://<fqdn>:5986/wsman}.
     *
     * @throws IllegalArgumentException with a sentence when the endpoint is not an HTTPS URL with a host name
     */
    public CasEndpoint endpoint(String fqdn, ExchangeVersion version) {
        return endpoint(fqdn, properties.endpointOf(fqdn).toString(), version);
    }

    /** How the console reaches a server at this WinRM endpoint (only HTTPS, ADR 11). */
    public CasEndpoint endpoint(String fqdn, String winrmEndpoint, ExchangeVersion version) {
        URI uri;
        try {
            uri = URI.create(winrmEndpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The WinRM endpoint of " + fqdn + " is not a URL: " + winrmEndpoint);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("The WinRM endpoint of " + fqdn + " must be an HTTPS URL (ADR 11), not " + winrmEndpoint + ".");
        }
        int port = uri.getPort() < 0 ? CasEndpoint.WINRM_HTTPS_PORT : uri.getPort();
        return new CasEndpoint(uri.getHost(), port, version, properties.connectTimeout());
    }
}
