package com.asaconsole.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Starting, waiting for and stopping the lab's real servers. */
final class LabProcess {

    static final String INSTALL_HINT = "Run the test command from README.md (it installs the lab's Debian packages), "
            + "or as root: bash src/test/lab/ensure-packages.sh";

    private LabProcess() {
    }

    /** Fails loudly, with the command that installs it, when a program the lab needs is missing. */
    static Path require(String program) {
        inLabRun("'" + program + "'");
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin", "/usr/local/bin")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException("The lab needs '" + program + "', which is not installed. " + INSTALL_HINT);
    }

    /**
     * Surefire's unit run starts no lab and needs no root (its system property {@code asa.tests=unit}, pom.xml): a test
     * that reaches for a lab part there lacks {@link LabTest}, and is told so instead of depending on the machine.
     */
    static void inLabRun(String part) {
        if ("unit".equals(System.getProperty("asa.tests"))) {
            throw new IllegalStateException(part + " is part of the lab, which the unit tests (surefire) do not use: tag the "
                    + "test class @LabTest, so that failsafe runs it in verify after the lab's packages are ensured.");
        }
    }

    /** Runs a command to completion; its output goes to a log file, quoted in the error if it fails. */
    static void run(Duration timeout, Path log, String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p.toHandle());
                throw new IllegalStateException(command[0] + " did not finish within " + timeout + "; log: " + tail(log));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command[0] + " failed with exit code " + p.exitValue() + ": " + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static Process start(Path log, String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void awaitPort(String host, int port, Duration timeout, Process process, Path log) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with code " + process.exitValue() + " before port "
                        + port + " answered: " + tail(log));
            }
            if (portAnswers(host, port)) {
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException("port " + port + " did not answer within " + timeout + ": " + tail(log));
    }

    static boolean portAnswers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops a process and everything it started: TERM first, KILL after a grace period. */
    static void kill(ProcessHandle process) {
        List<ProcessHandle> all = Stream.concat(Stream.of(process), process.descendants()).toList();
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && all.stream().anyMatch(ProcessHandle::isAlive)) {
            sleep(100);
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Stops a server left behind by a test JVM that was killed, recorded in its pid file. */
    static void killStale(Path pidFile, String commandMustContain) {
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().commandLine().map(c -> c.contains(commandMustContain)).orElse(true))
                    .ifPresent(LabProcess::kill);
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            // an unreadable pid file: nothing to stop
        }
    }

    static void writePid(Path pidFile, Process process) {
        try {
            Files.createDirectories(pidFile.getParent());
            Files.writeString(pidFile, Long.toString(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log)";
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp folder
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
