package com.asaconsole.remoting;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.asaconsole.remoting.ExchangeOperation.ConvertOabVirtualDirectory;
import com.asaconsole.remoting.ExchangeOperation.EnableNegotiate;
import com.asaconsole.remoting.ExchangeOperation.KerberosLogonStats;

/**
 * The structured result lines a script prints ({@code ASACONSOLE|key|base64}), read into the
 * operation's typed result; anything else on stdout (warnings, banners) is ignored.
 */
final class ScriptOutput {

    static final String PREFIX = "ASACONSOLE|";

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private ScriptOutput() {
    }

    static ScriptOutput parse(String stdout) {
        ScriptOutput out = new ScriptOutput();
        for (String line : stdout.split("\r?\n")) {
            if (!line.startsWith(PREFIX)) {
                continue;
            }
            String[] parts = line.substring(PREFIX.length()).split("\\|", 2);
            if (parts.length == 2) {
                try {
                    String value = new String(Base64.getDecoder().decode(parts[1].trim()), StandardCharsets.UTF_8);
                    out.values.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(value);
                } catch (IllegalArgumentException e) {
                    // a garbled line is not a result
                }
            }
        }
        return out;
    }

    boolean succeeded() {
        return values.containsKey("status") && values.get("status").contains("ok");
    }

    /** The cmdlet's own error message, or null. */
    String error() {
        return first("error");
    }

    String first(String key) {
        List<String> list = values.get(key);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    List<String> all(String key) {
        return values.getOrDefault(key, List.of());
    }

    @SuppressWarnings("unchecked")
    <R> R read(ExchangeOperation<R> operation) {
        Object result;
        if (operation instanceof ConvertOabVirtualDirectory) {
            String os = first("os.caption") + " (" + first("os.version") + ")";
            boolean converted = "true".equals(first("converted"));
            String version = first("os.version");
            String warning = version != null && version.startsWith("6.2.")
                    ? (converted ? "Converted on Windows Server 2012: ConvertOABVDir.ps1 sets the OAB application pool to .NET 4.0,"
                            + " which breaks OAB downloads there (KB 2961921); check OAB downloads now."
                            : "Not converted: this server runs Windows Server 2012, where ConvertOABVDir.ps1 breaks OAB downloads"
                                    + " (KB 2961921). Convert it by hand after reading the KB, or allow it explicitly.")
                    : null;
            result = new OabConversion(os, converted, warning);
        } else if (operation instanceof EnableNegotiate) {
            String methods = first("mapi.methods");
            result = new NegotiateSettings(first("oa.internal"),
                    methods == null || methods.isBlank() ? List.of() : Arrays.asList(methods.split("\\s*,\\s*")));
        } else if (operation instanceof KerberosLogonStats stats) {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String entry : all("logons")) {
                int eq = entry.lastIndexOf('=');
                if (eq > 0) {
                    counts.merge(entry.substring(0, eq), Long.parseLong(entry.substring(eq + 1).trim()), Long::sum);
                }
            }
            result = new LogonStats(Duration.ofSeconds(stats.window().toSeconds()), counts);
        } else {
            result = new AsaStatus(entry("latest"), entry("previous"));
        }
        return (R) result;
    }

    private AsaStatus.Entry entry(String which) {
        String account = first(which + ".account");
        String added = first(which + ".added");
        if (account == null || account.isBlank() || "\\".equals(account)) {
            return null;
        }
        // .NET's round-trip format ('o'): seven fractional digits and Z or an offset
        return new AsaStatus.Entry(account, added == null ? null : OffsetDateTime.parse(added).toInstant());
    }
}
