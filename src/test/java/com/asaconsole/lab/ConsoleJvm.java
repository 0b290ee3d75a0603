package com.asaconsole.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A whole console in a JVM of its own (the test classpath), reached over HTTP on a loopback port:
 * for what only a separate process shows — SIGKILL in the middle of writes, the heap limit and
 * what an OutOfMemoryError does, the files it creates.
 */
public final class ConsoleJvm implements AutoCloseable {

    private final Process process;
    private final Path output;
    private final int port;
    private final String scheme;

    private ConsoleJvm(Process process, Path output, int port, String scheme) {
        this.process = process;
        this.output = output;
        this.port = port;
        this.scheme = scheme;
    }

    /**
     * Starts the console with these JVM options (e.g. {@code -Xmx256m}) and settings (e.g. the
     * datasource), the test profile unless a setting names others, and waits until readiness answers.
     */
    public static ConsoleJvm start(String name, List<String> jvmOptions, List<String> settings) {
        return start(name, null, jvmOptions, settings);
    }

    /** As {@link #start(String, List, List)}, in {@code workingDirectory} (where relative paths such as ./data lead). */
    public static ConsoleJvm start(String name, Path workingDirectory, List<String> jvmOptions, List<String> settings) {
        int port = freePort();
        Path output = Path.of("target", "console-jvms", name + "-" + System.nanoTime() + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.asaconsole.AsaConsoleApplication",
                "--server.port=" + port, "--server.address=127.0.0.1"));
        if (settings.stream().noneMatch(s -> s.startsWith("--spring.profiles.active="))) {
            command.add("--spring.profiles.active=test");
        }
        command.addAll(settings);
        String scheme = settings.stream().anyMatch(s -> s.startsWith("--server.ssl.") && !s.endsWith("=false")) ? "https" : "http";
        try {
            Files.createDirectories(output.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            if (workingDirectory != null) {
                builder.directory(workingDirectory.toFile());
            }
            Process process = builder.start();
            ConsoleJvm jvm = new ConsoleJvm(process, output, port, scheme);
            jvm.awaitStarted(Duration.ofMinutes(3));
            return jvm;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return scheme + "://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path output() {
        return output;
    }

    public String log() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the process to end by itself; its exit code, or -1 if it still runs after {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** SIGKILL: no shutdown hook, no last write, as a crash or the OOM killer. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private void awaitStarted(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the console exited with code " + process.exitValue() + " before it started: " + tail());
            }
            if (log().contains("Started AsaConsoleApplication")) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the console did not start within " + timeout + ": " + tail());
    }

    private String tail() {
        String log = log();
        return log.substring(Math.max(0, log.length() - 4000));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
