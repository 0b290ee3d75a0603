package com.asaconsole;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

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
    void writesModuleDocumentation() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules")).writeDocumentation();
        assertThat(Path.of("docs/modules/components.puml")).exists();
        assertThat(Files.exists(Path.of("docs/modules/module-identity.puml"))).isTrue();
    }
}
