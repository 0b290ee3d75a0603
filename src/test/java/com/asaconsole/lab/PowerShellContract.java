package com.asaconsole.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The reviewed cmdlet contract ({@code src/test/resources/powershell/contract.tsv}): which commands
 * and parameters exist on which Exchange version and Windows PowerShell version, each with its
 * Microsoft source. Checks what the independent parser read from a script against it.
 */
public final class PowerShellContract {

    /** One row: a command's parameter ("-" for the command itself). */
    public record Entry(String command, String parameter, String kind, Set<String> exchange, String powerShell, String source) {

        boolean on(String version) {
            return exchange.contains("any") || exchange.contains(version);
        }
    }

    private static final PowerShellContract INSTANCE = load();

    private final Map<String, List<Entry>> byCommand;
    private final Map<String, String> shells;

    private PowerShellContract(Map<String, List<Entry>> byCommand, Map<String, String> shells) {
        this.byCommand = byCommand;
        this.shells = shells;
    }

    public static PowerShellContract get() {
        return INSTANCE;
    }

    /** The Windows PowerShell version of an Exchange version's management shell. */
    public String shell(String exchange) {
        return shells.get(exchange);
    }

    public Collection<List<Entry>> entries() {
        return byCommand.values();
    }

    /**
     * Every command and parameter of the parse that the contract does not allow for a script run on
     * all these Exchange versions (the oldest one's PowerShell), in sentences; empty when it complies.
     * The script's own functions are allowed.
     */
    public List<String> violations(PowerShellOracle.Parsed parsed, Collection<String> exchangeVersions) {
        List<String> problems = new ArrayList<>();
        String powerShell = exchangeVersions.stream().map(shells::get).min(PowerShellContract::compareVersions).orElseThrow();
        Set<String> functions = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        functions.addAll(parsed.functions());
        for (PowerShellOracle.Command command : parsed.commands()) {
            String name = command.name() != null ? command.name() : command.nameText();
            if (command.name() != null && functions.contains(command.name())) {
                continue;
            }
            List<Entry> rows = byCommand.get(key(name));
            String where = "line " + command.line() + ": ";
            if (rows == null) {
                problems.add(where + name + " is not in the cmdlet contract");
                continue;
            }
            Entry self = rows.stream().filter(r -> r.parameter().equals("-")).findFirst().orElseThrow();
            for (String version : exchangeVersions) {
                if (!self.on(version)) {
                    problems.add(where + "Exchange " + version + " has no " + name + " (" + self.source() + ")");
                }
            }
            if (compareVersions(self.powerShell(), powerShell) > 0) {
                problems.add(where + name + " needs Windows PowerShell " + self.powerShell() + "; the shell has " + powerShell);
            }
            for (PowerShellOracle.Parameter parameter : command.parameters()) {
                Entry row = rows.stream().filter(r -> r.parameter().equalsIgnoreCase(parameter.name())).findFirst()
                        .orElseGet(() -> "native".equals(self.kind()) ? null : common(parameter.name()));
                if (row == null) {
                    problems.add(where + name + " has no parameter -" + parameter.name());
                    continue;
                }
                for (String version : exchangeVersions) {
                    if (!row.on(version)) {
                        problems.add(where + name + " -" + parameter.name() + " does not exist on Exchange " + version + " (" + row.source() + ")");
                    }
                }
                if (compareVersions(row.powerShell(), powerShell) > 0) {
                    problems.add(where + name + " -" + parameter.name() + " needs Windows PowerShell " + row.powerShell() + " (" + row.source()
                            + "); the shell has " + powerShell);
                }
                if (row.kind().equals("value") && parameter.argument() == null) {
                    problems.add(where + name + " -" + parameter.name() + " needs a value");
                }
            }
        }
        return problems;
    }

    private static final Pattern PS3_SYNTAX = Pattern.compile("\\[ordered\\]|\\s-(not)?in\\s|\\$PSItem|\\.(ForEach|Where)\\(|ConvertTo-Json|ConvertFrom-Json",
            Pattern.CASE_INSENSITIVE);

    /** What Windows PowerShell 2.0 does not have (FACTS: [ordered], -in/-notin, $PSItem, .ForEach()/.Where(), JSON cmdlets). */
    public static List<String> powerShell2Problems(String script) {
        List<String> problems = new ArrayList<>();
        int n = 0;
        for (String line : script.split("\n", -1)) {
            n++;
            String code = line.replaceAll("'[^']*'", "''").replaceAll("#.*$", "");
            var m = PS3_SYNTAX.matcher(code);
            if (m.find()) {
                problems.add("line " + n + ": " + m.group().trim() + " is not Windows PowerShell 2.0");
            }
        }
        return problems;
    }

    private Entry common(String parameter) {
        return byCommand.getOrDefault("*", List.of()).stream().filter(r -> r.parameter().equalsIgnoreCase(parameter)).findFirst().orElse(null);
    }

    private static String key(String command) {
        return command.toLowerCase(Locale.ROOT);
    }

    static int compareVersions(String a, String b) {
        return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
    }

    private static PowerShellContract load() {
        try (InputStream in = PowerShellContract.class.getResourceAsStream("/powershell/contract.tsv")) {
            if (in == null) {
                throw new IllegalStateException("src/test/resources/powershell/contract.tsv is missing");
            }
            Map<String, List<Entry>> rows = new LinkedHashMap<>();
            Map<String, String> shells = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f[0].equals("shell")) {
                    shells.put(f[1], f[2]);
                    continue;
                }
                if (f.length < 6) {
                    throw new IllegalStateException("contract.tsv: a row needs six columns and a source: " + line);
                }
                rows.computeIfAbsent(key(f[0]), k -> new ArrayList<>()).add(new Entry(f[0], f[1], f[2], Set.of(f[3].split(",")), f[4], f[5]));
            }
            return new PowerShellContract(rows, shells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
