package com.asaconsole.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (Debian's), in a private data folder on a free loopback port, with
 * a database for the console. The server refuses to run as root, so under root it runs as the
 * {@code postgres} user (setpriv keeps the pid ours to stop).
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "asaconsole";
    public static final String USER = "asaconsole";

    /** Per checkout: two checkouts' test runs each have their own PostgreSQL (Samba's ports allow only one lab). */
    private static final Path PID_FILE = Path.of(System.getProperty("java.io.tmpdir"), "asa-console-lab",
            "postgres-" + Integer.toHexString(Path.of("").toAbsolutePath().toString().hashCode()) + ".pid");

    private final Path dir;
    private final int port;
    private final Process process;

    private PostgresServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    static PostgresServer start() {
        LabProcess.inLabRun("PostgreSQL");
        Path bin = binDir();
        LabProcess.killStale(PID_FILE, "postgres");
        long began = System.nanoTime();
        Path dir;
        try {
            dir = Files.createTempDirectory("asa-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path data = dir.resolve("data");
        int port = freePort();
        if (LabProcess.isRoot()) {
            LabProcess.run(Duration.ofSeconds(30), dir.resolve("chown.log"), "chown", "-R", "postgres:postgres", dir.toString());
        }
        LabProcess.run(Duration.ofMinutes(2), dir.resolve("initdb.log"), asServerUser(bin.resolve("initdb").toString(),
                "-D", data.toString(), "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"));
        Path log = dir.resolve("postgres.log");
        Process process = LabProcess.start(log, asServerUser(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        LabProcess.writePid(PID_FILE, process);
        try {
            LabProcess.awaitPort("127.0.0.1", port, Duration.ofSeconds(60), process, log);
            PostgresServer server = new PostgresServer(dir, port, process);
            server.createDatabase();
            System.out.printf("[lab] PostgreSQL ready on port %d in %d ms%n", port,
                    Duration.ofNanos(System.nanoTime() - began).toMillis());
            return server;
        } catch (RuntimeException e) {
            LabProcess.kill(process.toHandle());
            throw e;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String username() {
        return USER;
    }

    public int port() {
        return port;
    }

    /** A new, empty database on this server (for a test that needs nobody else's rows); its JDBC URL. */
    public String freshDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("database name " + name);
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    private void createDatabase() {
        SQLException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "");
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE);
                return;
            } catch (SQLException e) {
                last = e; // "the database system is starting up"
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new IllegalStateException("cannot create the test database: " + (last == null ? "interrupted" : last.getMessage()));
    }

    @Override
    public void close() {
        // SIGTERM is PostgreSQL's "smart" shutdown, which waits for clients; SIGINT is "fast".
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            // fall through to kill
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LabProcess.kill(process.toHandle());
        try {
            Files.deleteIfExists(PID_FILE);
        } catch (IOException e) {
            // left for the next run's stale check
        }
        LabProcess.deleteTree(dir);
        System.out.println("[lab] PostgreSQL stopped");
    }

    private static String[] asServerUser(String... command) {
        if (!LabProcess.isRoot()) {
            return command;
        }
        return Stream.concat(Stream.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"), Stream.of(command))
                .toArray(String[]::new);
    }

    private static Path binDir() {
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(root)) {
            List<Path> bins = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres")))
                    .sorted(Comparator.comparing(Path::toString)).toList();
            if (!bins.isEmpty()) {
                return bins.get(bins.size() - 1);
            }
        } catch (IOException e) {
            // reported below
        }
        throw new IllegalStateException("The PostgreSQL tests need Debian's PostgreSQL server (/usr/lib/postgresql/*/bin/postgres). "
                + LabProcess.INSTALL_HINT);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
