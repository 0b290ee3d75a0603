package com.asaconsole.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The independent PowerShell parser of the test lab: tree-sitter's PowerShell grammar under Node.js
 * ({@code src/test/powershell/parse.cjs}), not the console's own code. One Node process serves the
 * whole test JVM (JSON lines on its standard input and output); answers are cached by script text.
 * The CAS member SIMULATOR reads the commands a script calls through it, and the oracle tests check
 * every PowerShell text the console emits with it.
 */
public final class PowerShellOracle {

    /** Where a parse found text that is not PowerShell. */
    public record SyntaxError(int line, int column, boolean missing, String text) {
    }

    /** A parameter as written: {@code -Name}, {@code -Name value} or {@code -Name:value}. */
    public record Parameter(String name, boolean colon, String argument, String literal) {
    }

    /**
     * One command the script calls. {@code name} is the command (a variable such as {@code $CasSet} is
     * resolved from its literal assignment), or null when an expression names it ({@code nameText}).
     */
    public record Command(int line, int column, String name, String nameKind, String nameText, List<Parameter> parameters,
            List<String> arguments, boolean inSubexpression) {

        public boolean has(String parameter) {
            return parameters.stream().anyMatch(p -> p.name().equalsIgnoreCase(parameter));
        }

        public Parameter parameter(String parameter) {
            return parameters.stream().filter(p -> p.name().equalsIgnoreCase(parameter)).findFirst().orElse(null);
        }

        public boolean is(String command) {
            return command.equalsIgnoreCase(name);
        }
    }

    /**
     * What the parser read: syntax errors, commands in order, the script's own functions, literal
     * assignments, how many {@code $(…)} subexpressions, and the tree's shape (node types by depth).
     */
    public record Parsed(List<SyntaxError> errors, List<Command> commands, List<String> functions, Map<String, String> assignments,
            int subexpressions, String shape) {

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private static final Path DIRECTORY = Path.of("src", "test", "powershell");
    private static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final Map<String, Parsed> CACHE = new ConcurrentHashMap<>();
    private static Process node;
    private static Writer requests;
    private static BufferedReader answers;
    private static long ids;

    private PowerShellOracle() {
    }

    /** Parses one script (cached); fails loudly with the install command when Node or the packages are missing. */
    public static Parsed parse(String script) {
        Parsed cached = CACHE.get(script);
        if (cached != null) {
            return cached;
        }
        Parsed parsed = ask(script);
        CACHE.put(script, parsed);
        return parsed;
    }

    private static synchronized Parsed ask(String script) {
        try {
            start();
            long id = ++ids;
            requests.write(JSON.writeValueAsString(Map.of("id", id, "script", script)));
            requests.write('\n');
            requests.flush();
            String line = answers.readLine();
            if (line == null) {
                node = null;
                throw new IllegalStateException("The PowerShell parser (node " + DIRECTORY.resolve("parse.cjs") + ") stopped.");
            }
            Map<?, ?> answer = JSON.readValue(line, Map.class);
            if (answer.get("failure") != null) {
                throw new IllegalStateException("The PowerShell parser failed: " + answer.get("failure"));
            }
            return JSON.readValue(line, Parsed.class);
        } catch (IOException e) {
            node = null;
            throw new UncheckedIOException("The PowerShell parser could not be reached", e);
        }
    }

    private static void start() throws IOException {
        if (node != null && node.isAlive()) {
            return;
        }
        Path nodeBinary = LabProcess.require("node");
        if (!Files.isRegularFile(DIRECTORY.resolve("node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm"))) {
            throw new IllegalStateException("The PowerShell oracle's npm packages are not installed. " + LabProcess.INSTALL_HINT
                    + " (or: cd " + DIRECTORY + " && npm ci --ignore-scripts)");
        }
        node = new ProcessBuilder(nodeBinary.toString(), "parse.cjs", "--serve").directory(DIRECTORY.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        requests = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        Process started = node;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "powershell-oracle-stop"));
    }
}
