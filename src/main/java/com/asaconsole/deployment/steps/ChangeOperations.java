package com.asaconsole.deployment.steps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.asaconsole.directory.DirectoryException;

/**
 * The one rendering of a change: every operation of every step on every target, in the order the
 * executor runs them, then each PowerShell script once, as the members receive it. The wizard
 * pages, the change page, the change document and the frozen operations (with their content hash)
 * are this text or parts of it; at run time the job renders it again and refuses to write when it
 * differs. The text is parsed back by its block headers ({@code === [id] …}).
 */
public final class ChangeOperations {

    static final String HEADER = "ASA Console operations, format 2: every write, in the order it runs. Secrets are masked; "
            + "the values of each PowerShell script travel on its standard input.\n";
    private static final String BLOCK = "=== [";

    /** One rendered operation: its id names the step, the target and its place among the target's operations. */
    public record Entry(String id, String step, String target, Operation operation) {

        /** The block as the frozen text holds it. */
        String block() {
            Operation o = operation;
            return BLOCK + id + "] " + o.kind() + " on " + o.on() + "\n" + o.text();
        }
    }

    /** A section of a change: a wizard step's header (null for a rollback) and its executor steps with their targets. */
    public record Section(String heading, List<Step> steps) {
    }

    private final List<String> preamble = new ArrayList<>();
    private final List<Object> parts = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, String> scripts = new LinkedHashMap<>();

    private ChangeOperations() {
    }

    /** Renders these sections for this scope; an operation that can't be rendered becomes a REFUSED one with the reason. */
    public static ChangeOperations render(ChangeScope scope, List<Section> sections, List<String> preamble) {
        ChangeOperations ops = new ChangeOperations();
        ops.preamble.addAll(preamble);
        for (Section section : sections) {
            if (section.heading() != null) {
                ops.parts.add("=== " + section.heading() + "\n");
            }
            for (Step step : section.steps()) {
                ops.parts.add("=== executor step " + step.key() + ": " + step.title() + "\n");
                List<String> targets;
                try {
                    targets = step.targets(scope);
                } catch (StepFailed | DirectoryException | IllegalArgumentException | org.springframework.ldap.NamingException e) {
                    ops.add(step.key(), "(targets)", List.of(Operation.refused(e.getMessage())));
                    continue;
                }
                for (String target : targets) {
                    ops.add(step.key(), target, operations(step, scope, target));
                }
            }
        }
        return ops;
    }

    /** A step's operations on one target, or a REFUSED one naming why they can't be rendered. */
    static List<Operation> operations(Step step, ChangeScope scope, String target) {
        try {
            return step.operations(scope, target);
        } catch (StepFailed | DirectoryException | IllegalArgumentException | org.springframework.ldap.NamingException e) {
            return List.of(Operation.refused(e.getMessage()));
        }
    }

    private void add(String step, String target, List<Operation> operations) {
        for (int i = 0; i < operations.size(); i++) {
            Entry entry = new Entry(id(step, target, i + 1), step, target, operations.get(i));
            entries.add(entry);
            parts.add(entry);
            if (entry.operation().script() != null) {
                scripts.putIfAbsent(Operation.scriptId(entry.operation().script()), entry.operation().script().text());
            }
        }
    }

    static String id(String step, String target, int n) {
        return step + " " + target + " #" + n;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The entries of one step and target, in order. */
    public List<Entry> entries(String step, String target) {
        return entries.stream().filter(e -> e.step().equals(step) && e.target().equalsIgnoreCase(target)).toList();
    }

    public Map<String, String> scripts() {
        return Map.copyOf(scripts);
    }

    /** The first operation that can't run, with its reason. */
    public Optional<Entry> refused() {
        return entries.stream().filter(e -> e.operation().kind() == Operation.Kind.REFUSED).findFirst();
    }

    /** The frozen text: what the reviewer approves and the content hash covers. */
    public String text() {
        StringBuilder s = new StringBuilder(HEADER);
        preamble.forEach(p -> s.append("=== ").append(p).append('\n'));
        for (Object part : parts) {
            s.append(part instanceof Entry e ? e.block() : part);
        }
        if (!scripts.isEmpty()) {
            s.append("=== PowerShell scripts, each exactly as the members receive it\n");
            scripts.forEach((id, text) -> s.append(BLOCK).append(id).append("] PowerShell text\n").append(text.endsWith("\n") ? text : text + "\n"));
        }
        return s.toString();
    }

    /** The blocks of a frozen text by id: operations and scripts. */
    static Map<String, String> blocks(String text) {
        Map<String, String> blocks = new LinkedHashMap<>();
        String id = null;
        StringBuilder block = null;
        String[] lines = text.split("\n", -1);
        // the text ends with a line break: the empty string after it is no line
        int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            String line = lines[i];
            if (line.startsWith("=== ")) {
                if (id != null) {
                    blocks.put(id, block.toString());
                }
                id = null;
                if (line.startsWith(BLOCK) && line.indexOf(']') > 0) {
                    id = line.substring(BLOCK.length(), line.indexOf(']'));
                    block = new StringBuilder(line).append('\n');
                }
            } else if (id != null) {
                block.append(line).append('\n');
            }
        }
        if (id != null) {
            blocks.put(id, block.toString());
        }
        return blocks;
    }

    /**
     * The first difference between an approved frozen text and this rendering, in a sentence naming
     * the operation and what changed; empty when they are the same.
     */
    public Optional<String> differenceFrom(String approved) {
        if (approved.equals(text())) {
            return Optional.empty();
        }
        Map<String, String> before = blocks(approved);
        Map<String, String> now = blocks(text());
        for (Map.Entry<String, String> b : now.entrySet()) {
            String old = before.get(b.getKey());
            if (old == null) {
                return Optional.of("The operation [" + b.getKey() + "] was not approved: it is new (" + firstLine(b.getValue()) + ").");
            }
            if (!old.equals(b.getValue())) {
                return Optional.of("The operation [" + b.getKey() + "] differs from the approved one: " + firstDifference(old, b.getValue()));
            }
        }
        for (String id : before.keySet()) {
            if (!now.containsKey(id)) {
                return Optional.of("The approved operation [" + id + "] is no longer part of the change (" + firstLine(before.get(id)) + ").");
            }
        }
        return Optional.of("The operations are in another order than the approved ones.");
    }

    /** Whether one rendered entry is exactly the approved block of the same id; the difference otherwise. */
    public static Optional<String> differenceFrom(Map<String, String> approved, Entry entry) {
        String old = approved.get(entry.id());
        if (old == null) {
            return Optional.of("The operation [" + entry.id() + "] was not approved (" + firstLine(entry.block()) + ").");
        }
        if (!old.equals(entry.block())) {
            return Optional.of("The operation [" + entry.id() + "] differs from the approved one: " + firstDifference(old, entry.block()));
        }
        if (entry.operation().script() != null) {
            String id = Operation.scriptId(entry.operation().script());
            String script = approved.get(id);
            String now = BLOCK + id + "] PowerShell text\n" + entry.operation().script().text();
            if (script == null || !script.equals(now.endsWith("\n") ? now : now + "\n")) {
                return Optional.of("The PowerShell script of [" + entry.id() + "] is not the approved one (" + id + ").");
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String block) {
        String line = block.lines().findFirst().orElse("");
        return line.startsWith(BLOCK) ? line.substring(line.indexOf(']') + 2) : line;
    }

    private static String firstDifference(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "(nothing)";
            String y = i < b.length ? b[i] : "(nothing)";
            if (!x.equals(y)) {
                return "approved \"" + shorten(x) + "\", now \"" + shorten(y) + "\".";
            }
        }
        return "the text differs.";
    }

    private static String shorten(String line) {
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }
}
