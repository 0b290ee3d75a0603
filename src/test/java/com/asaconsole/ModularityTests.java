package com.asaconsole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module boundaries hold, and docs/modules shows them as they are. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(AsaConsoleApplication.class);

    @Test
    void modulesKeepTheirBoundaries() {
        modules.verify();
        assertThat(modules.stream().map(m -> m.getIdentifier().toString())).contains("identity", "shell", "topology",
                "planning", "directory", "remoting", "kerberos", "deployment", "audit", "secrets");
    }

    @Test
    void writesModuleDocumentation() throws IOException {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules")).writeDocumentation();
        try (Stream<Path> files = Files.list(Path.of("docs/modules"))) {
            for (Path file : files.toList()) {
                Files.write(file, inStableOrder(Files.readAllLines(file)));
            }
        }
        assertThat(Path.of("docs/modules/components.puml")).exists();
        assertThat(Files.exists(Path.of("docs/modules/module-identity.puml"))).isTrue();
        assertThat(Files.readAllLines(Path.of("docs/modules/module-helpdesk.puml")).stream().filter(l -> l.startsWith("Rel(")))
                .isSorted().isNotEmpty();
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
