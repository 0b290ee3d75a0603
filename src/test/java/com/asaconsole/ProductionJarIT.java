package com.asaconsole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.asaconsole.lab.LabTest;

/**
 * The jar people deploy holds the console and its runtime libraries, and nothing of the lab: no
 * Samba lab, no CAS member SIMULATOR, no lab mode, no test resources or test libraries.
 */
@LabTest
@Tag("jar") // after the jar is built: failsafe, in verify
class ProductionJarIT {

    @Test
    void theJarHoldsNothingOfTheLab() throws IOException {
        Path jar = Path.of("target", "asa-console.jar");
        assertThat(jar).as("built by ./mvnw package").exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> entries = Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
            assertThat(entries).as("the console is in it").contains("BOOT-INF/classes/com/asaconsole/AsaConsoleApplication.class",
                    "BOOT-INF/classes/com/asaconsole/topology/ExchangeDiscovery.class",
                    "BOOT-INF/classes/remoting/operations/read-exchange-organization.ps1");
            assertThat(entries).filteredOn(e -> e.startsWith("BOOT-INF/classes/com/asaconsole/lab/")).isEmpty();
            assertThat(entries).filteredOn(e -> e.matches(".*(Simulat|LabMode|LabConsole|SambaDc|Test|IT)[^/]*\\.class")).isEmpty();
            assertThat(entries).doesNotContain("BOOT-INF/classes/application-test.yml", "BOOT-INF/classes/lab/ensure-packages.sh");
            assertThat(entries).filteredOn(e -> e.startsWith("BOOT-INF/lib/"))
                    .noneMatch(e -> e.contains("selenium") || e.contains("jqwik") || e.contains("junit") || e.contains("spring-boot-test")
                            || e.contains("assertj") || e.contains("mockito"));
        }
        assertThat(Files.size(jar)).isPositive();
    }
}
