package com.asaconsole.remoting;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One Client Access server as the console reaches it over WS-Management (HTTPS, Kerberos).
 *
 * @param host the server's DNS name; the console asks the KDC for {@code HTTP/<host>} and the TLS
 *             certificate must name it
 * @param port the WinRM HTTPS listener, normally 5986
 * @param version the Exchange version installed, which decides cmdlets and snap-in
 * @param connectTimeout how long to wait for the TCP and TLS connection
 */
public record CasEndpoint(String host, int port, ExchangeVersion version, Duration connectTimeout) {

    public static final int WINRM_HTTPS_PORT = 5986;
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");

    public CasEndpoint {
        requireHostName(host);
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("the connect timeout must be positive");
        }
    }

    public static CasEndpoint of(String host, ExchangeVersion version) {
        return new CasEndpoint(host, WINRM_HTTPS_PORT, version, Duration.ofSeconds(10));
    }

    /** Host and port, as sentences name the server. */
    public String address() {
        return host + ":" + port;
    }

    /** Refuses anything but a DNS or NetBIOS-style host name, before it reaches a request or a script. */
    static String requireHostName(String host) {
        Objects.requireNonNull(host, "host");
        if (host.length() > 253 || !DNS_NAME.matcher(host).matches()) {
            throw new IllegalArgumentException("\"" + printable(host) + "\" is not a DNS host name (letters, digits, hyphens and dots only)");
        }
        return host;
    }

    static String printable(String value) {
        StringBuilder sb = new StringBuilder();
        value.codePoints().limit(80).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
