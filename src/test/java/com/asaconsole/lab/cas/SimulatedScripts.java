package com.asaconsole.lab.cas;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.asaconsole.lab.PowerShellContract;
import com.asaconsole.lab.PowerShellOracle;
import com.asaconsole.lab.PowerShellOracle.Command;
import com.asaconsole.remoting.ExchangeScripts;
import com.asaconsole.remoting.ExchangeVersion;

/**
 * The CAS member SIMULATOR's PowerShell: it runs no PowerShell, and it does not compare scripts with
 * the console's templates. An independent parser (tree-sitter, {@link PowerShellOracle}) reads the
 * script; a syntax error, or a cmdlet or parameter this member's Exchange version lacks (the reviewed
 * contract table, {@link PowerShellContract}), is refused as PowerShell and Exchange would refuse it.
 * Otherwise the simulator acts on the cmdlets and parameters the script calls, with the values the
 * script reads from standard input, and prints the result lines the script's
 * {@code Send-AsaResult} / {@code Send-AsaStatus} calls ask for. A template change that keeps the
 * meaning still works; one that breaks the contract or drops a cmdlet fails.
 */
final class SimulatedScripts {

    record Run(int exitCode, String stdout, String stderr) {
    }

    private SimulatedScripts() {
    }

    /** Decodes {@code -EncodedCommand <base64 UTF-16LE>} from the WinRS command arguments. */
    static String decodeCommand(String arguments) {
        String[] words = arguments.trim().split("\\s+");
        for (int i = 0; i < words.length - 1; i++) {
            if (words[i].equalsIgnoreCase("-EncodedCommand")) {
                return new String(Base64.getDecoder().decode(words[i + 1]), StandardCharsets.UTF_16LE);
            }
        }
        return null;
    }

    static Run run(CasMemberSimulator member, String script, String stdin) {
        if (script == null) {
            return new Run(1, "", "SIMULATOR: the command is not powershell.exe -EncodedCommand <script>");
        }
        ExchangeVersion version = member.version();
        PowerShellOracle.Parsed parsed = PowerShellOracle.parse(script);
        if (!parsed.valid()) {
            var e = parsed.errors().get(0);
            return new Run(1, "", "SIMULATOR: Exchange " + version.label() + " (PowerShell " + version.powerShell() + ") refuses the script: "
                    + "syntax error at line " + e.line() + ", column " + e.column() + " near \"" + e.text() + "\"");
        }
        List<String> violations = new ArrayList<>(PowerShellContract.get().violations(parsed, Set.of(version.label())));
        if (version.is2010()) {
            violations.addAll(PowerShellContract.powerShell2Problems(script));
        }
        if (!violations.isEmpty()) {
            return new Run(1, "", "SIMULATOR: Exchange " + version.label() + " refuses the script: " + String.join("; ", violations));
        }
        Map<String, String> args = ExchangeScripts.readStandardInput(stdin);
        Out out = new Out();
        String fault = member.cmdletError();
        if (fault != null) {
            out.put("error", fault);
            return new Run(1, out.text(), "");
        }
        try {
            act(member, parsed, args, out);
            return new Run(0, out.text(), "");
        } catch (RuntimeException e) {
            out.put("error", e.getMessage());
            return new Run(1, out.text(), "");
        }
    }

    /** What the commands of the script do to this member, in order, and the result lines it asks for. */
    private static void act(CasMemberSimulator member, PowerShellOracle.Parsed parsed, Map<String, String> args, Out out) {
        SimulatedMemberState state = member.state();
        ExchangeVersion version = member.version();
        boolean readsPasswords = parsed.commands().stream().anyMatch(c -> c.has("IncludeAlternateServiceAccountCredentialPassword"));
        boolean on2012 = state.osVersion.startsWith("6.2.");
        boolean converted = false;
        for (Command c : parsed.commands()) {
            if (c.inSubexpression()) {
                continue; // the console's scripts have none; the oracle test proves no value makes one
            }
            for (String identity : List.of("Identity", "Server")) {
                if (c.has(identity) && "$AsaArgs['server']".equals(c.parameter(identity).argument())) {
                    requireThisMember(member, args.get("server"), c);
                }
            }
            if (c.is("Add-PSSnapin") && !c.arguments().isEmpty() && !unquote(c.arguments().get(0)).equalsIgnoreCase(version.snapIn())) {
                throw new IllegalStateException("The Windows PowerShell snap-in '" + unquote(c.arguments().get(0))
                        + "' is not installed on this machine.");
            }
            if (c.is(version.casSet()) || c.is("Set-ClientAccessServer")) {
                if (c.has("AlternateServiceAccountCredential")) {
                    if (readsPasswords) {
                        state.copyFrom(member.peer(args.get("source")));
                    } else {
                        state.deploy(args.get("account"), args.get("password").toCharArray());
                    }
                } else if (c.has("RemoveAlternateServiceAccountCredentials")) {
                    state.removeCredentials();
                }
            }
            if (c.is("Set-OutlookAnywhere") && c.has("InternalClientAuthenticationMethod")) {
                state.outlookAnywhereInternal(unquote(c.parameter("InternalClientAuthenticationMethod").argument()));
            }
            if (c.is("Set-MapiVirtualDirectory") && c.has("IISAuthenticationMethods")) {
                String value = c.parameter("IISAuthenticationMethods").argument();
                if (value.startsWith("$")) {
                    state.appendMapiMethod("Negotiate"); // the script computed its list: what it has, plus Negotiate
                } else {
                    state.mapiMethods(java.util.Arrays.stream(value.split(",")).map(SimulatedScripts::unquote).toList());
                }
            }
            if (c.name() == null && "$AsaArgs['scriptPath']".equals(c.nameText())) {
                if (!on2012 || "true".equals(args.get("evenOnWindowsServer2012"))) {
                    state.oabConverted = true;
                    converted = true;
                }
            }
        }
        // then the results the script asks for, each once (a key in both branches of an if is printed by one of them)
        java.util.Set<String> printed = new java.util.HashSet<>();
        for (Command c : parsed.commands()) {
            if (c.inSubexpression()) {
                continue;
            }
            if (c.is("Send-AsaStatus")) {
                state.status((which, credential) -> {
                    out.put(which + ".account", credential.account);
                    out.put(which + ".added", credential.added.toString());
                });
            }
            if (c.is("Send-AsaResult") && !c.arguments().isEmpty()) {
                String key = literalKey(c.arguments().get(0));
                if (key == null || key.equals("error")) {
                    continue; // a computed key (inside Send-AsaStatus) or the catch block's error line
                }
                if (!key.equals("logons") && !printed.add(key)) {
                    continue;
                }
                if (SimulatedDiscovery.prints(key)) {
                    continue; // the records the discovery cmdlets read, printed below from what the script called
                }
                switch (key) {
                case "os.caption" -> out.put(key, state.osCaption);
                case "os.version" -> out.put(key, state.osVersion);
                case "converted" -> out.put(key, Boolean.toString(converted));
                case "oa.internal" -> out.put(key, state.outlookAnywhereInternal());
                case "mapi.methods" -> out.put(key, String.join(",", state.mapiMethods()));
                case "logons" -> state.logons(Duration.ofSeconds(Long.parseLong(args.get("windowSeconds"))))
                        .forEach((pkg, count) -> out.put("logons", pkg + "=" + count));
                case "status" -> out.put(key, "ok");
                default -> throw new IllegalStateException("SIMULATOR: the script asks for a result '" + key + "' it can't give");
                }
            }
        }
        SimulatedDiscovery.answer(member.estate(), version, parsed, out);
    }

    private static void requireThisMember(CasMemberSimulator member, String server, Command c) {
        String wanted = server == null ? "" : server.toLowerCase(Locale.ROOT);
        String host = member.host().toLowerCase(Locale.ROOT);
        if (!host.equals(wanted) && !host.startsWith(wanted + ".")) {
            throw new IllegalStateException("The operation couldn't be performed because object '" + server + "' couldn't be found "
                    + "on " + member.host() + " (" + c.name() + ", line " + c.line() + ").");
        }
    }

    private static String literalKey(String argument) {
        return argument.startsWith("'") && argument.endsWith("'") && argument.length() > 1 ? unquote(argument) : null;
    }

    private static String unquote(String text) {
        String t = text.trim();
        if (t.length() > 1 && (t.startsWith("'") && t.endsWith("'") || t.startsWith("\"") && t.endsWith("\""))) {
            return t.substring(1, t.length() - 1).replace("''", "'");
        }
        return t;
    }

    /** The result lines, as Send-AsaResult prints them. */
    static final class Out {
        private final StringBuilder sb = new StringBuilder("SIMULATOR banner: lines without the prefix are ignored\r\n");

        void put(String key, String value) {
            sb.append("ASACONSOLE|").append(key).append('|')
                    .append(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))).append("\r\n");
        }

        String text() {
            return sb.toString();
        }
    }
}
