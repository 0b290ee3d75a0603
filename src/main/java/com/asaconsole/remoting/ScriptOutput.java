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
        } else if (operation instanceof ExchangeOperation.ReadOrganization) {
            result = organization();
        } else if (operation instanceof ExchangeOperation.ReadMapiVirtualDirectories) {
            result = virtualDirectories();
        } else {
            result = new AsaStatus(entry("latest"), entry("previous"));
        }
        return (R) result;
    }

    private ExchangeOrganization organization() {
        List<ExchangeOrganization.Server> servers = records("server", 5,
                v -> new ExchangeOrganization.Server(v[0], v[1], v[2], v[3], v[4]), "name", "fqdn", "site", "version", "roles");
        List<ExchangeOrganization.ClientAccess> cas = records("cas", 2, v -> new ExchangeOrganization.ClientAccess(v[0], v[1]),
                "name", "autodiscover");
        List<ExchangeOrganization.RpcArray> arrays = records("array", 3,
                v -> new ExchangeOrganization.RpcArray(v[0], v[1], names(v[2])), "fqdn", "site", "members");
        List<ExchangeOrganization.Dag> dags = records("dag", 2, v -> new ExchangeOrganization.Dag(v[0], names(v[1])), "name", "members");
        return new ExchangeOrganization(servers, cas, arrays, dags, virtualDirectories());
    }

    private List<ExchangeOrganization.VirtualDirectory> virtualDirectories() {
        return records("vdir", 4, v -> new ExchangeOrganization.VirtualDirectory(v[0], v[1], v[2], v[3]), "kind", "server", "internal",
                "external");
    }

    /**
     * Records printed as one line per field ({@code server.name}, {@code server.fqdn}, …), every field of
     * every record always printed, so the i-th values of each field belong together.
     */
    private <T> List<T> records(String prefix, int width, java.util.function.Function<String[], T> make, String... fields) {
        List<List<String>> columns = new ArrayList<>();
        for (String field : fields) {
            columns.add(all(prefix + "." + field));
        }
        int n = columns.get(0).size();
        if (columns.stream().anyMatch(c -> c.size() != n)) {
            throw new IllegalStateException("the script printed " + prefix + " records with missing fields");
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] values = new String[width];
            for (int f = 0; f < width; f++) {
                values[f] = columns.get(f).get(i);
            }
            out.add(make.apply(values));
        }
        return out;
    }

    private static List<String> names(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.stream(joined.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
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
