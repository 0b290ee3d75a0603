package com.asaconsole.lab.cas;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.asaconsole.remoting.ExchangeOperation;
import com.asaconsole.remoting.ExchangeScripts;
import com.asaconsole.remoting.ExchangeVersion;

/**
 * The CAS member SIMULATOR's PowerShell: it runs no PowerShell. It recognises exactly the scripts
 * the console renders for this member's Exchange version (byte for byte, from the same templates),
 * reads the values from standard input the way the script does, and applies them to the member's
 * state, printing the same structured result lines a real server would.
 */
final class SimulatedScripts {

    private static final Map<String, ExchangeOperation<?>> KNOWN = new LinkedHashMap<>();

    static {
        for (ExchangeOperation<?> op : List.of(new ExchangeOperation.GetAsaStatus(),
                new ExchangeOperation.SetAsaCredential("X\\y", "x".toCharArray()), new ExchangeOperation.CopyAsaCredential("x"),
                new ExchangeOperation.RemoveAsaCredentials(), new ExchangeOperation.ConvertOabVirtualDirectory("x", false),
                new ExchangeOperation.EnableNegotiate(), new ExchangeOperation.KerberosLogonStats(Duration.ofSeconds(1)),
                new ExchangeOperation.ReadOrganization(), new ExchangeOperation.ReadMapiVirtualDirectories())) {
            KNOWN.put(op.name(), op);
        }
    }

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
        String header = script == null ? "" : script.lines().findFirst().orElse("");
        String name = header.replaceFirst("^# asa-console operation: (\\S+) for Exchange .*$", "$1");
        ExchangeOperation<?> sample = KNOWN.get(name);
        if (sample == null) {
            return new Run(1, "", "SIMULATOR: not a script the console renders; this simulator runs no other PowerShell");
        }
        ExchangeVersion version = member.version();
        if (!sample.appliesTo(version) || !script.equals(ExchangeScripts.render(sample, version).text())) {
            return new Run(1, "", "SIMULATOR: this member runs Exchange " + version.label() + " and does not recognise the script: "
                    + header);
        }
        Map<String, String> args = ExchangeScripts.readStandardInput(stdin);
        Out out = new Out();
        String fault = member.cmdletError();
        if (fault != null) {
            out.put("error", fault);
            return new Run(1, out.text(), "");
        }
        if (SimulatedDiscovery.answers(name)) {
            SimulatedDiscovery.answer(member.estate(), name, out);
            out.put("status", "ok");
            return new Run(0, out.text(), "");
        }
        try {
            SimulatedMemberState state = member.state();
            switch (name) {
            case "get-asa-status" -> {
            }
            case "set-asa-credential" -> state.deploy(args.get("account"), args.get("password").toCharArray());
            case "copy-asa-credential" -> state.copyFrom(member.peer(args.get("source")));
            case "remove-asa-credentials" -> state.removeCredentials();
            case "convert-oab-virtual-directory" -> {
                out.put("os.caption", state.osCaption);
                out.put("os.version", state.osVersion);
                boolean on2012 = state.osVersion.startsWith("6.2.");
                boolean convert = !on2012 || "true".equals(args.get("evenOnWindowsServer2012"));
                if (convert) {
                    state.oabConverted = true;
                }
                out.put("converted", Boolean.toString(convert));
            }
            case "enable-negotiate" -> {
                state.enableNegotiate();
                out.put("oa.internal", state.outlookAnywhereInternal);
                out.put("mapi.methods", String.join(",", state.mapiMethods));
            }
            case "kerberos-logon-stats" -> state.logons(Duration.ofSeconds(Long.parseLong(args.get("windowSeconds"))))
                    .forEach((pkg, count) -> out.put("logons", pkg + "=" + count));
            default -> throw new IllegalStateException(name);
            }
            if (name.contains("asa")) {
                state.status((which, credential) -> {
                    out.put(which + ".account", credential.account);
                    out.put(which + ".added", credential.added.toString());
                });
            }
            out.put("status", "ok");
            return new Run(0, out.text(), "");
        } catch (RuntimeException e) {
            out.put("error", e.getMessage());
            return new Run(1, out.text(), "");
        }
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
