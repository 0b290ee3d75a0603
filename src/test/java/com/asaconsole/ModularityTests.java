package com.asaconsole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.stream.Stream;

import com.asaconsole.directory.ForestWrites;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameStartingWith;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module boundaries hold, and docs/modules shows them as they are. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(AsaConsoleApplication.class);

    @Test
    void modulesKeepTheirBoundaries() {
        modules.verify();
        assertThat(modules.stream().map(m -> m.getIdentifier().toString())).contains("identity", "shell", "topology",
                "planning", "directory", "remoting", "kerberos", "deployment", "audit", "secrets");
    }

    /**
     * Nothing but deployment writes to AD (ADR 41): the writes are the named interface directory :: writes, which only
     * deployment lists; verify() refuses it for modules that list their dependencies, this for those that do not.
     */
    @Test
    void onlyDeploymentWritesToTheDirectory() {
        var writes = modules.getModuleByName("directory").orElseThrow().getNamedInterfaces().getByName("writes").orElseThrow();
        // the interface also lists the types its methods take and answer (AccountState, LdapWrite, ...): only ForestWrites writes
        assertThat(writes.contains(ForestWrites.class)).isTrue();
        noClasses().that().resideOutsideOfPackages("com.asaconsole.deployment..", "com.asaconsole.directory..")
                .should().dependOnClassesThat().belongToAnyOf(ForestWrites.class)
                .because("only a step of an approved change writes to Active Directory (ADR 41)")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.asaconsole"));
    }

    /** Threads come from Spring-managed executors that stop with the context (ManagedThreads, ADR 40), never by hand. */
    @Test
    void productionCodeMakesNoThreadsByHand() {
        noClasses().should().callMethodWhere(target(owner(assignableTo(Executors.class))).and(target(nameStartingWith("new"))))
                .orShould().callConstructorWhere(target(owner(assignableTo(Thread.class))))
                .orShould().callConstructorWhere(target(owner(assignableTo(ThreadPoolExecutor.class))))
                .orShould().callConstructorWhere(target(owner(assignableTo(ForkJoinPool.class))))
                .because("a thread or pool made by hand is never shut down with the context; use ManagedThreads (ADR 40)")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.asaconsole"));
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
