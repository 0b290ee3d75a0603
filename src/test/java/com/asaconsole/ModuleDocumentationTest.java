package com.asaconsole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * docs/modules shows the modules as the code has them. The test writes Spring Modulith's documentation into
 * {@code target/module-docs} and fails when it differs from the tracked files, naming them; a test run never
 * changes the working tree. The documentation step that refreshes them after a module change:
 * {@code ./mvnw -o test -Dtest=ModuleDocumentationTest -Dasa.refreshDocs=true}.
 */
class ModuleDocumentationTest {

    static final Path TRACKED = Path.of("docs/modules");
    static final String REFRESH = "./mvnw -o test -Dtest=ModuleDocumentationTest -Dasa.refreshDocs=true";

    @Test
    void theTrackedModuleDocumentationIsWhatTheCodeGives() throws IOException {
        Path written = Path.of("target/module-docs");
        write(written);
        if (Boolean.getBoolean("asa.refreshDocs")) {
            write(TRACKED);
        }
        Map<String, String> expected = read(written);
        Map<String, String> tracked = read(TRACKED);
        assertThat(expected).as("the module documentation").containsKeys("components.puml", "all-docs.adoc", "module-deployment.puml");
        List<String> differing = new ArrayList<>();
        for (String name : expected.keySet()) {
            if (!expected.get(name).equals(tracked.get(name))) {
                differing.add(name + (tracked.containsKey(name) ? " (differs)" : " (missing)"));
            }
        }
        tracked.keySet().stream().filter(name -> !expected.containsKey(name)).forEach(name -> differing.add(name + " (no such module now)"));
        assertThat(differing).as("docs/modules is out of date; refresh it with: " + REFRESH).isEmpty();
    }

    private static void write(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        new Documenter(ApplicationModules.of(AsaConsoleApplication.class), Documenter.Options.defaults().withOutputFolder(folder.toString()))
                .writeDocumentation();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.write(file, inStableOrder(Files.readAllLines(file)));
            }
        }
    }

    private static Map<String, String> read(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path file : list.toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return files;
    }

    /**
     * Spring Modulith writes a diagram's relations and a table cell's list of types in no fixed order; sorted,
     * the files change only when the modules do. Sorts each run of {@code Rel(} lines, and each run of
     * list items (the first of a table cell starting with {@code |}).
     */
    static List<String> inStableOrder(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.startsWith("Rel(")) {
                List<String> run = new ArrayList<>();
                while (i < lines.size() && lines.get(i).startsWith("Rel(")) {
                    run.add(lines.get(i++));
                }
                Collections.sort(run);
                out.addAll(run);
            } else if (line.startsWith("* ") || line.startsWith("|* ")) {
                boolean cell = line.startsWith("|");
                List<String> items = new ArrayList<>();
                items.add(cell ? line.substring(1) : line);
                i++;
                while (i < lines.size() && lines.get(i).startsWith("* ")) {
                    items.add(lines.get(i++));
                }
                Collections.sort(items);
                for (int k = 0; k < items.size(); k++) {
                    out.add(k == 0 && cell ? "|" + items.get(k) : items.get(k));
                }
            } else {
                out.add(line);
                i++;
            }
        }
        return out;
    }
}
