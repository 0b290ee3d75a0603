package com.asaconsole.remoting;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the console reaches the Client Access servers (WinRM over HTTPS with Kerberos, ADR 11).
 *
 * @param principal the console's Kerberos principal on the servers, e.g. {@code svc-asaconsole@CONTOSO.COM}
 * @param password its password (give it in the environment, {@code ASA_REMOTING_PASSWORD}), or leave empty and use a keytab
 * @param keytab a keytab for the principal (preferred: no password in the configuration)
 * @param trustStore PKCS#12 or JKS file with the CA(s) the servers' WinRM and IIS certificates chain to
 * @param trustStorePassword the trust store's password, if any
 * @param connectTimeout TCP and TLS connection to one server
 * @param timeout one remote operation on one server
 * @param probeUrl where the Kerberos probe sends its SPNEGO request on each member: {@code {host}} is the
 *        member's name, {@code {winrm-port}} its WinRM port (the CAS member simulator serves both on one port)
 * @param endpoints WinRM endpoints of servers whose listener is not at {@code https://<fqdn>:5986/wsman}, by FQDN
 *        ({@code asa.remoting.endpoints[cas1.contoso.com]=https://cas1.contoso.com:15986/wsman}); discovery proposes them
 */
@ConfigurationProperties("asa.remoting")
public record RemotingProperties(String principal, char[] password, Path keytab, Path trustStore, char[] trustStorePassword,
        @DefaultValue("10s") Duration connectTimeout, @DefaultValue("2m") Duration timeout,
        @DefaultValue("https://{host}/ews/exchange.asmx") String probeUrl, Map<String, URI> endpoints) {

    public RemotingProperties {
        endpoints = endpoints == null ? Map.of() : endpoints.entrySet().stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
    }

    /** Where a server's WinRM listener is: the configured endpoint, or {@code https://<fqdn>:5986/wsman}. */
    public URI endpointOf(String fqdn) {
        URI configured = endpoints.get(fqdn.toLowerCase(Locale.ROOT));
        return configured != null ? configured : URI.create("https://" + fqdn.toLowerCase(Locale.ROOT) + ":" + CasEndpoint.WINRM_HTTPS_PORT + "/wsman");
    }

    public boolean configured() {
        return principal != null && !principal.isBlank() && trustStore != null
                && ((password != null && password.length > 0) || keytab != null);
    }

    @Override
    public String toString() {
        return "RemotingProperties[principal=" + principal + ", password=" + (password == null ? "unset" : "********") + ", keytab=" + keytab
                + ", trustStore=" + trustStore + "]";
    }
}
