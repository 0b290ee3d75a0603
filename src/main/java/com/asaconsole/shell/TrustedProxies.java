package com.asaconsole.shell;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Behind a TLS proxy: the {@code X-Forwarded-For}, {@code -Proto}, {@code -Host} and {@code -Port}
 * headers are believed only from the proxies named in {@code asa.web.trusted-proxies}, and then the
 * whole console sees what the proxy saw: the client's address (the sign-in throttle, the audit
 * trail), HTTPS (Secure cookies, HSTS), the public host name. From anyone else they are ignored,
 * so a client can't choose its own address or claim HTTPS. Nothing is trusted by default (Tomcat's
 * own default trusts every private address). Tomcat's RemoteIpValve does the work, before
 * anything else sees the request.
 */
@Component
@EnableConfigurationProperties(TrustedProxies.Properties.class)
class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(/\\d{1,3})?");

    private final Properties properties;

    TrustedProxies(Properties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (properties.trustedProxies().isEmpty()) {
            return;
        }
        RemoteIpValve valve = new RemoteIpValve();
        valve.setInternalProxies(cidrs(properties.trustedProxies()));
        valve.setRemoteIpHeader("X-Forwarded-For");
        valve.setProtocolHeader("X-Forwarded-Proto");
        valve.setProtocolHeaderHttpsValue("https");
        valve.setHostHeader("X-Forwarded-Host");
        valve.setPortHeader("X-Forwarded-Port");
        factory.addEngineValves(valve);
    }

    /** Addresses and networks as Tomcat's CIDR list: a single address becomes /32 (IPv4) or /128 (IPv6). */
    static String cidrs(List<String> proxies) {
        return proxies.stream().map(String::trim).filter(p -> !p.isEmpty()).map(p -> {
            if (!LITERAL.matcher(p).matches()) {
                throw new IllegalArgumentException("asa.web.trusted-proxies takes IP addresses or networks (10.0.0.5, 10.0.0.0/24, "
                        + "fd00::/8), not host names: " + p);
            }
            return p.contains("/") ? p : p + (p.contains(":") ? "/128" : "/32");
        }).collect(Collectors.joining(","));
    }

    /**
     * @param trustedProxies the TLS proxies or load balancers whose X-Forwarded-* headers are believed,
     *        as IP addresses or networks; empty (the default): none, the headers are ignored
     * @param maxBodySize the largest request body read (RequestSizeLimit)
     */
    @ConfigurationProperties("asa.web")
    record Properties(@DefaultValue List<String> trustedProxies, @DefaultValue("2MB") org.springframework.util.unit.DataSize maxBodySize) {
    }
}
