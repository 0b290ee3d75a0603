package com.asaconsole.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

import com.asaconsole.lab.ConsoleClient;
import com.asaconsole.lab.ConsoleJvm;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A console started the way the README says (no profile, the shipped settings, in a directory of
 * its own) keeps its data its owner's only: ./data and ./data/logs are rwx------, the database,
 * the log and both key files rw-------; and the database writes no trace file (which copied refused
 * values out of reach of the log rules). Before, everything but secrets.key was world-readable.
 */
class DataFilesTest {

    @TempDir
    Path dir;

    @Test
    void theDataDirectoryAndEveryFileInItAreTheOwnersOnly() throws Exception {
        try (ConsoleJvm console = ConsoleJvm.start("data-files", dir, List.of("-Xmx256m"),
                List.of("--spring.profiles.active=default", "--asa.identity.bootstrap-admin.password=Data-Files-Pw-9"))) {
            ConsoleClient client = new ConsoleClient(console.baseUrl());
            assertThat(client.signIn("admin", "wrong")).isFalse();
            assertThat(client.signIn("admin", "Data-Files-Pw-9")).isTrue();
        }
        Path data = dir.resolve("data");
        assertThat(permissions(data)).isEqualTo("rwx------");
        assertThat(permissions(data.resolve("logs"))).isEqualTo("rwx------");
        for (String file : List.of("asa-console.mv.db", "secrets.key", "audit-checkpoint.key", "logs/asa-console.json")) {
            assertThat(data.resolve(file)).exists();
            assertThat(permissions(data.resolve(file))).as(file).isEqualTo("rw-------");
        }
        try (Stream<Path> all = Files.walk(data)) {
            all.forEach(p -> assertThat(permissions(p)).as(p.toString()).doesNotMatch(".{3}.*[rwx].*"));
        }

        // an error inside the database leaves no trace file with the shipped settings
        String url = H2DurabilityTest.shippedUrl().replace("./data/", data + "/");
        try (Connection c = DriverManager.getConnection(url + ";IFEXISTS=TRUE", "asa", "")) {
            Assertions.assertThatThrownBy(() -> c.createStatement().execute("SELECT secret_value FROM no_such_table"))
                    .isInstanceOf(SQLException.class);
        }
        assertThat(data.resolve("asa-console.trace.db")).doesNotExist();
    }

    private static String permissions(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
