package com.asaconsole.remoting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.asaconsole.remoting.ExchangeOperation.ConvertOabVirtualDirectory;
import com.asaconsole.remoting.ExchangeOperation.CopyAsaCredential;
import com.asaconsole.remoting.ExchangeOperation.KerberosLogonStats;
import com.asaconsole.remoting.ExchangeOperation.SetAsaCredential;

/**
 * Renders operations to PowerShell from the reviewable templates under
 * {@code src/main/resources/remoting}: {@code envelope.ps1} (with {@code functions.ps1} and the
 * version's snap-in and cmdlet names from {@link ExchangeVersion}) around
 * {@code operations/<operation>.ps1}. The text depends only on the operation and the version;
 * values, the target server's name included, go to standard input as {@code name<TAB>base64(UTF-8)}
 * lines, so no name, however hostile, can become code. The same operation bodies make the manual
 * scripts ({@link #manualBlock}), where the values are quoted PowerShell literals instead.
 */
public final class ExchangeScripts {

    private static final Map<String, String> TEMPLATES = new ConcurrentHashMap<>();
    private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();

    private ExchangeScripts() {
    }

    /**
     * The script and its standard input (secrets masked) exactly as {@code server} will receive them.
     *
     * @param server the member's DNS name: the identity the cmdlets act on
     */
    public static RenderedScript render(ExchangeOperation<?> operation, ExchangeVersion version, String server) {
        CasEndpoint.requireHostName(server);
        Map<String, String> shown = new LinkedHashMap<>(arguments(operation, server));
        if (operation instanceof SetAsaCredential) {
            shown.put("password", RenderedScript.SECRET_PLACEHOLDER);
        }
        return new RenderedScript(operation.name(), version, text(operation, version), shown);
    }

    /** The script text for an operation on a version: the same for every server and every value. */
    public static String text(ExchangeOperation<?> operation, ExchangeVersion version) {
        requireApplies(operation, version);
        // one String per operation and version, shared by every member's rendering: a plan of 2,000 servers renders
        // thousands of operations for a page, and a copy each ran a 256 MB console out of memory (LargeEstateMemoryTest)
        return TEXTS.computeIfAbsent(operation.name() + "@" + version.name(), key -> compose(operation, version));
    }

    private static String compose(ExchangeOperation<?> operation, ExchangeVersion version) {
        return template("envelope.ps1").replace("{{FUNCTIONS}}", template("functions.ps1"))
                .replace("{{OPERATION}}", operation.name())
                .replace("{{VERSION}}", version.label())
                .replace("{{SNAPIN}}", version.snapIn())
                .replace("{{CAS_GET}}", version.casGet())
                .replace("{{CAS_SET}}", version.casSet())
                .replace("{{BODY}}\n", template("operations/" + operation.name() + ".ps1"));
    }

    private static void requireApplies(ExchangeOperation<?> operation, ExchangeVersion version) {
        if (!operation.appliesTo(version)) {
            throw new IllegalArgumentException(operation.name() + " does not apply to Exchange " + version.label());
        }
    }

    /** The helper functions both kinds of script share ({@code Send-AsaStatus}). */
    public static String functions() {
        return template("functions.ps1");
    }

    /**
     * An operation's body for a manual script run by an admin in the Exchange Management Shell of
     * {@code version}: the values as single-quoted PowerShell literals in {@code $AsaArgs}, then the
     * very lines the console sends to the member. {@code extra} adds values the manual script
     * computes itself (e.g. the password from Get-Credential) as PowerShell expressions.
     */
    public static String manualBlock(ExchangeOperation<?> operation, ExchangeVersion version, String server, String indent,
            Map<String, String> extra) {
        requireApplies(operation, version);
        StringBuilder s = new StringBuilder(indent).append("$AsaArgs = @{ ");
        Map<String, String> values = arguments(operation, server);
        values.forEach((name, value) -> s.append(name).append(" = ").append(PowerShellLiteral.quote(value)).append("; "));
        extra.forEach((name, expression) -> s.append(name).append(" = ").append(expression).append("; "));
        s.setLength(s.length() - 2);
        s.append(" }\n");
        for (String line : template("operations/" + operation.name() + ".ps1").split("\n", -1)) {
            if (!line.isEmpty()) {
                s.append(indent).append(line.startsWith("    ") ? line.substring(4) : line).append('\n');
            }
        }
        return s.toString();
    }

    /** The values an operation's script reads, except the password, and the server it acts on. */
    static Map<String, String> arguments(ExchangeOperation<?> operation, String server) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("server", server);
        if (operation instanceof SetAsaCredential set) {
            args.put("account", set.account());
        } else if (operation instanceof CopyAsaCredential copy) {
            args.put("source", copy.sourceServer());
        } else if (operation instanceof ConvertOabVirtualDirectory oab) {
            args.put("scriptPath", oab.scriptPath());
            args.put("evenOnWindowsServer2012", Boolean.toString(oab.evenOnWindowsServer2012()));
        } else if (operation instanceof KerberosLogonStats stats) {
            args.put("windowSeconds", Long.toString(stats.window().toSeconds()));
        }
        return args;
    }

    /**
     * The bytes sent with WS-Man Send: one {@code name<TAB>base64} line a value, then an empty line.
     * The password is encoded straight from its char[]; the caller clears the returned array.
     */
    static byte[] standardInput(ExchangeOperation<?> operation, String server) {
        ClearableBytes out = new ClearableBytes();
        arguments(operation, server).forEach((name, value) -> line(out, name, value.getBytes(StandardCharsets.UTF_8)));
        if (operation instanceof SetAsaCredential set) {
            ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(set.password()));
            byte[] bytes = new byte[utf8.remaining()];
            utf8.get(bytes);
            Arrays.fill(utf8.array(), (byte) 0);
            line(out, "password", bytes);
            Arrays.fill(bytes, (byte) 0);
        }
        out.write('\r');
        out.write('\n');
        byte[] result = out.toByteArray();
        out.clear();
        return result;
    }

    /** Lets the buffer that held the password be overwritten, not just dropped. */
    private static final class ClearableBytes extends ByteArrayOutputStream {
        void clear() {
            Arrays.fill(buf, (byte) 0);
        }
    }

    /** Reads standard input back into values, as the script does; for tests and the simulator. */
    public static Map<String, String> readStandardInput(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                break;
            }
            String[] parts = line.split("\t", 2);
            values.put(parts[0], new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void line(ByteArrayOutputStream out, String name, byte[] value) {
        byte[] encoded = Base64.getEncoder().encode(value);
        out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        out.write('\t');
        out.writeBytes(encoded);
        Arrays.fill(encoded, (byte) 0);
        out.write('\r');
        out.write('\n');
    }

    private static String template(String name) {
        return TEMPLATES.computeIfAbsent(name, n -> {
            try (InputStream in = ExchangeScripts.class.getResourceAsStream("/remoting/" + n)) {
                if (in == null) {
                    throw new IllegalStateException("missing PowerShell template remoting/" + n);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
