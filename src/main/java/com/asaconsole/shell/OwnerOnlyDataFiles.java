package com.asaconsole.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * The console's data on disk is its owner's only: the embedded database, its logs and its key
 * files hold topology, audit records, DNs and keys. Before anything is written (this runs before
 * logging starts and before the database opens) the data directory and every directory the
 * console creates for its files are made {@code rwx------}; once it runs, the files in them are
 * made {@code rw-------} (H2 and the log create theirs with the process's umask). Registered in
 * META-INF/spring.factories. A directory the console did not create, other than the embedded
 * database's, is left as it is (it may be shared, e.g. /var/log).
 */
public class OwnerOnlyDataFiles implements EnvironmentPostProcessor, ApplicationListener<ApplicationReadyEvent>, Ordered {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after application.yml and the profiles are read
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Path database = databaseDirectory(environment);
        if (database != null) {
            ownerOnlyDirectory(database, true);
        }
        for (Path file : files(environment)) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                ownerOnlyDirectory(parent, false);
            }
        }
        tighten(environment);
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        tighten(event.getApplicationContext().getEnvironment());
    }

    /** The files of the embedded database, the log file and the key files, as they are now. */
    static void tighten(Environment environment) {
        List<Path> files = new ArrayList<>(files(environment));
        Path database = databaseDirectory(environment);
        if (database != null && Files.isDirectory(database)) {
            String name = databaseName(environment);
            try (Stream<Path> inside = Files.list(database)) {
                inside.filter(p -> p.getFileName().toString().startsWith(name + ".")).forEach(files::add);
            } catch (IOException e) {
                // nothing to tighten yet
            }
        }
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                set(file, FILE);
            }
        }
    }

    private static List<Path> files(Environment environment) {
        List<Path> files = new ArrayList<>();
        for (String property : List.of("logging.file.name", "asa.secrets.key-file", "asa.audit.checkpoint-key-file")) {
            String value = environment.getProperty(property);
            if (value != null && !value.isBlank()) {
                files.add(Path.of(value));
            }
        }
        if (environment.getProperty("asa.secrets.key-file") == null) {
            files.add(Path.of("./data/secrets.key"));
        }
        if (environment.getProperty("asa.audit.checkpoint-key-file") == null) {
            files.add(Path.of("./data/audit-checkpoint.key"));
        }
        return files;
    }

    /** The directory of an embedded H2 file database ({@code jdbc:h2:file:./data/asa-console;…}), or null. */
    static Path databaseDirectory(Environment environment) {
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.startsWith("jdbc:h2:file:")) {
            return null;
        }
        Path file = Path.of(url.substring("jdbc:h2:file:".length()).split(";", 2)[0].replaceFirst("^~", System.getProperty("user.home")));
        return file.toAbsolutePath().getParent();
    }

    private static String databaseName(Environment environment) {
        String url = environment.getProperty("spring.datasource.url", "");
        return Path.of(url.substring("jdbc:h2:file:".length()).split(";", 2)[0]).getFileName().toString();
    }

    /** Creates the directory owner-only, or tightens it when it is the database's own and others may enter it. */
    private static void ownerOnlyDirectory(Path dir, boolean ours) {
        try {
            if (!Files.exists(dir)) {
                Files.createDirectories(dir);
                set(dir, DIRECTORY);
            } else if (ours && Files.isDirectory(dir)) {
                Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir);
                if (now.stream().anyMatch(OTHERS::contains)) {
                    set(dir, DIRECTORY);
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system, or not ours to change: the operator's umask decides (docs/security.md)
        }
    }

    private static void set(Path path, Set<PosixFilePermission> permissions) {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (IOException | UnsupportedOperationException e) {
            // as above
        }
    }
}
