package com.asaconsole.directory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Finds the SPNs that more than one account holds, in memory bounded however large the forest: the
 * entries are sorted by match key in runs of a fixed size, every run but the last is spilled to an
 * owner-only temporary file, and one merge pass over the runs reports each key whose entries name
 * more than one account. The files are deleted on {@link #close()}.
 *
 * <p>This replaces an index over every SPN of the snapshot: inserting into that index cost the
 * embedded database more CPU than the directory read itself (docs/performance.md).
 */
final class SpnDuplicateFinder implements AutoCloseable {

    /** One SPN of one account, with the key duplicates are compared by. */
    record Keyed(String matchKey, String spn, String accountDn, String samAccountName) {
    }

    /** Receives, key by key and sorted by account within a key, every entry of a key more than one account holds. */
    interface DuplicateSink {
        void accept(Keyed holder) throws IOException;
    }

    private static final Comparator<Keyed> ORDER = Comparator.comparing(Keyed::matchKey).thenComparing(Keyed::accountDn);
    private static final int BUFFER = 64 * 1024;

    private final Path parent;
    private final int runSize;
    private final List<Keyed> run;
    private final List<Spilled> spilled = new ArrayList<>();
    private Path directory;

    /** Sorts {@code runSize} entries at a time in memory; spills the others under {@code parent}. */
    SpnDuplicateFinder(Path parent, int runSize) {
        this.parent = parent;
        if (runSize < 1) {
            throw new IllegalArgumentException("runSize must be positive");
        }
        this.runSize = runSize;
        this.run = new ArrayList<>(Math.min(runSize, 1 << 16));
    }

    void add(Keyed entry) throws IOException {
        run.add(entry);
        if (run.size() == runSize) {
            spill();
        }
    }

    /** The number of runs written to disk so far. */
    int spilledRuns() {
        return spilled.size();
    }

    /**
     * Merges the runs and hands every holder of each key held by more than one account to the sink, in key
     * order. Only the entries of the key's first account are held back until a second account shows up.
     */
    void duplicates(DuplicateSink sink) throws IOException {
        run.sort(ORDER);
        PriorityQueue<Cursor> heads = new PriorityQueue<>((a, b) -> ORDER.compare(a.head, b.head));
        List<Cursor> cursors = new ArrayList<>();
        try {
            for (Spilled s : spilled) {
                cursors.add(new FileCursor(s));
            }
            cursors.add(new MemoryCursor(run));
            for (Cursor c : cursors) {
                if (c.advance()) {
                    heads.add(c);
                }
            }
            List<Keyed> firstAccount = new ArrayList<>();
            boolean duplicated = false;
            while (!heads.isEmpty()) {
                Cursor c = heads.poll();
                Keyed next = c.head;
                if (!firstAccount.isEmpty() && !firstAccount.get(0).matchKey().equals(next.matchKey())) {
                    firstAccount.clear();
                    duplicated = false;
                }
                if (duplicated) {
                    sink.accept(next);
                } else if (firstAccount.isEmpty() || firstAccount.get(0).accountDn().equals(next.accountDn())) {
                    firstAccount.add(next);
                } else { // a second account holds the key: everything held back so far, and this, are duplicates
                    duplicated = true;
                    for (Keyed held : firstAccount) {
                        sink.accept(held);
                    }
                    sink.accept(next);
                }
                if (c.advance()) {
                    heads.add(c);
                }
            }
        } finally {
            closeAll(cursors);
        }
    }

    /** Deletes every file this finder wrote, also those of a run whose writing failed half-way. */
    @Override
    public void close() {
        run.clear();
        spilled.clear();
        if (directory == null) {
            return;
        }
        UncheckedIOException failed = null;
        try (java.util.stream.Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    failed = suppress(failed, e);
                }
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            failed = suppress(failed, e);
        }
        directory = null;
        if (failed != null) {
            throw failed;
        }
    }

    private static UncheckedIOException suppress(UncheckedIOException failed, IOException e) {
        if (failed == null) {
            return new UncheckedIOException("A temporary file of the SPN scan could not be deleted", e);
        }
        failed.addSuppressed(e);
        return failed;
    }

    private static void closeAll(List<Cursor> cursors) throws IOException {
        IOException failed = null;
        for (Cursor c : cursors) {
            try {
                c.close();
            } catch (IOException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private void spill() throws IOException {
        try {
            writeRun();
        } catch (IOException e) {
            throw new SpillFailed(parent, e);
        }
    }

    /** The sorted runs could not be written where the scan was told to put them. */
    static final class SpillFailed extends IOException {
        SpillFailed(Path parent, IOException cause) {
            super("The scan could not write its sorted SPNs under " + parent + " (" + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                    + "); set asa.directory.scan-spill-directory to a directory the console may write to.", cause);
        }
    }

    private void writeRun() throws IOException {
        run.sort(ORDER);
        if (directory == null) {
            directory = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempDirectory(parent, "asa-spn-scan", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                    : Files.createTempDirectory(parent, "asa-spn-scan");
        }
        Path file = directory.resolve("run-" + spilled.size());
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER))) {
            for (Keyed k : run) {
                write(out, k.matchKey());
                write(out, k.spn());
                write(out, k.accountDn());
                write(out, k.samAccountName());
            }
        }
        spilled.add(new Spilled(file, run.size()));
        run.clear();
    }

    private static void write(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String read(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private record Spilled(Path file, int entries) {
    }

    private abstract static class Cursor implements AutoCloseable {
        Keyed head;

        abstract boolean advance() throws IOException;

        @Override
        public void close() throws IOException {
        }
    }

    private static final class MemoryCursor extends Cursor {
        private final List<Keyed> entries;
        private int next;

        MemoryCursor(List<Keyed> entries) {
            this.entries = entries;
        }

        @Override
        boolean advance() {
            if (next == entries.size()) {
                return false;
            }
            head = entries.get(next++);
            return true;
        }
    }

    private static final class FileCursor extends Cursor {
        private final DataInputStream in;
        private int remaining;

        FileCursor(Spilled spilled) throws IOException {
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spilled.file()), BUFFER));
            this.remaining = spilled.entries();
        }

        @Override
        boolean advance() throws IOException {
            if (remaining == 0) {
                return false;
            }
            remaining--;
            head = new Keyed(read(in), read(in), read(in), read(in));
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
