package com.asaconsole.remoting;

import java.time.Duration;
import java.util.Map;

/** Successful logons (event 4624) on one server by authentication package, e.g. Kerberos, NTLM. */
public record LogonStats(Duration window, Map<String, Long> byPackage) {

    public LogonStats {
        byPackage = Map.copyOf(byPackage);
    }

    public long count(String authenticationPackage) {
        return byPackage.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(authenticationPackage))
                .mapToLong(Map.Entry::getValue).sum();
    }

    public long kerberos() {
        return count("Kerberos");
    }

    public long ntlm() {
        return count("NTLM");
    }
}
