package com.asaconsole.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.asaconsole.lab.SambaDc;

/**
 * A whole console in its own JVM (the test classpath, the test profile) against a given database:
 * a node that a test can kill with SIGKILL, as a crash would.
 */
public final class ConsoleNode implements AutoCloseable {

    private final Process process;
    public final Path output;

    private ConsoleNode(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    public static ConsoleNode start(String name, String jdbcUrl, String user, SambaDc dc) {
        return start(name, jdbcUrl, user, dc, List.of());
    }

    /** With more command-line settings, e.g. the WinRM settings for the CAS member simulators. */
    public static ConsoleNode start(String name, String jdbcUrl, String user, SambaDc dc, List<String> settings) {
        Path output = Path.of("target", "console-nodes", name + "-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Djava.security.krb5.conf=" + dc.krb5Conf(), "-cp", System.getProperty("java.class.path"),
                "com.asaconsole.AsaConsoleApplication", "--spring.profiles.active=test", "--server.port=0",
                "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=" + user, "--spring.datasource.password=",
                "--asa.executor.node-name=" + name, "--logging.file.name=target/console-nodes/" + name + ".json"));
        command.addAll(settings);
        try {
            Files.createDirectories(output.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            return new ConsoleNode(process, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the console in this JVM has started (its start-up line), so that what a test times afterwards
     * is the executor's work, not the JVM's start, which takes minutes on a busy two-core machine.
     */
    public void awaitStarted(java.time.Duration timeout) throws InterruptedException, IOException {
        java.time.Instant deadline = java.time.Instant.now().plus(timeout);
        while (java.time.Instant.now().isBefore(deadline)) {
            if (Files.exists(output) && Files.readString(output).contains("Started AsaConsoleApplication")) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the console node died while starting:\n" + Files.readString(output));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the console node did not start within " + timeout + ":\n" + Files.readString(output));
    }

    /** SIGKILL: no shutdown hook, no last write. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
