package com.asaconsole;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The module boundaries hold (docs/modules is checked by {@link ModuleDocumentationTest}). */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(AsaConsoleApplication.class);

    @Test
    void modulesKeepTheirBoundaries() {
        modules.verify();
        assertThat(modules.stream().map(m -> m.getIdentifier().toString())).contains("identity", "shell", "topology",
                "planning", "directory", "remoting", "kerberos", "deployment", "audit", "secrets");
    }
}
