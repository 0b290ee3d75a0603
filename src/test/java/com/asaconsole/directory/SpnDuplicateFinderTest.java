package com.asaconsole.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The duplicate finder behind the forest-wide scan: what it reports must not depend on how the
 * entries were split into runs, and it leaves no file behind. The scan itself is tested against
 * the Samba DC in {@link SpnInventoryTest}.
 */
class SpnDuplicateFinderTest {

    @TempDir
    Path temp;

    @Test
    void reportsEveryKeyHeldByMoreThanOneAccountWhateverTheRunSize() throws IOException {
        List<SpnDuplicateFinder.Keyed> entries = new ArrayList<>();
        for (int account = 0; account < 500; account++) {
            String dn = "CN=host" + account + ",OU=Servers,DC=contoso,DC=test";
            entries.add(entry("HOST/host" + account, dn));
            entries.add(entry("HOST/host" + account + ".contoso.test", dn));
        }
        // held twice: the namespace on the ASA and on a CAS (differing in case), and a look-alike with a zero-width space
        entries.add(entry("http/mail.contoso.test", "CN=ASA,DC=contoso,DC=test"));
        entries.add(entry("HTTP/Mail.contoso.test", "CN=host7,OU=Servers,DC=contoso,DC=test"));
        entries.add(entry("http/mail\u200b.contoso.test", "CN=host400,OU=Servers,DC=contoso,DC=test"));
        entries.add(entry("http/autodiscover.contoso.test", "CN=host12,OU=Servers,DC=contoso,DC=test"));
        entries.add(entry("http/autodiscover.contoso.test", "CN=host499,OU=Servers,DC=contoso,DC=test"));
        // one account holding the same key twice is not a duplicate
        entries.add(entry("exchangeMDB/cas1", "CN=host3,OU=Servers,DC=contoso,DC=test"));
        entries.add(entry("exchangeMDB/CAS1", "CN=host3,OU=Servers,DC=contoso,DC=test"));
        Collections.shuffle(entries, new Random(42));

        for (int runSize : new int[] { 1, 7, 100, 1003, 100_000 }) {
            List<SpnDuplicateFinder.Keyed> holders = new ArrayList<>();
            try (SpnDuplicateFinder finder = new SpnDuplicateFinder(temp, runSize)) {
                for (SpnDuplicateFinder.Keyed e : entries) {
                    finder.add(e);
                }
                assertThat(finder.spilledRuns()).as("runs on disk with runs of %d", runSize).isEqualTo(entries.size() / runSize);
                finder.duplicates(holders::add);
            }
            List<List<SpnDuplicateFinder.Keyed>> found = new ArrayList<>(holders.stream()
                    .collect(java.util.stream.Collectors.groupingBy(SpnDuplicateFinder.Keyed::matchKey,
                            java.util.LinkedHashMap::new, java.util.stream.Collectors.toList())).values());
            assertThat(found).as("run size %d", runSize).hasSize(2);
            assertThat(found.get(0)).extracting(SpnDuplicateFinder.Keyed::spn)
                    .containsExactly("http/autodiscover.contoso.test", "http/autodiscover.contoso.test");
            assertThat(found.get(1)).extracting(SpnDuplicateFinder.Keyed::accountDn).containsExactly(
                    "CN=ASA,DC=contoso,DC=test", "CN=host400,OU=Servers,DC=contoso,DC=test", "CN=host7,OU=Servers,DC=contoso,DC=test");
            assertThat(found.get(1)).extracting(SpnDuplicateFinder.Keyed::spn)
                    .contains("http/mail\u200b.contoso.test", "HTTP/Mail.contoso.test");
        }
    }

    @Test
    void spilledRunsAreOwnerOnlyAndEveryFileIsDeletedOnClose() throws IOException {
        Path directory;
        try (SpnDuplicateFinder finder = new SpnDuplicateFinder(temp, 2)) {
            for (int i = 0; i < 10; i++) {
                finder.add(entry("HOST/h" + i, "CN=h" + i + ",DC=contoso,DC=test"));
            }
            assertThat(finder.spilledRuns()).isEqualTo(5);
            try (Stream<Path> made = Files.list(temp)) {
                List<Path> directories = made.toList();
                assertThat(directories).hasSize(1);
                directory = directories.get(0);
            }
            assertThat(directory.getFileName().toString()).startsWith("asa-spn-scan");
            assertThat(directory.resolve("run-4")).isRegularFile();
            assertThat(Files.getPosixFilePermissions(directory)).extracting(Enum::name)
                    .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE", "OWNER_EXECUTE");
            List<SpnDuplicateFinder.Keyed> found = new ArrayList<>();
            finder.duplicates(found::add);
            assertThat(found).isEmpty();
            // a run whose writing failed half-way (a full disk) is deleted as well
            Files.writeString(directory.resolve("run-5"), "half a run");
        }
        assertThat(directory).doesNotExist();
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void aSpillDirectoryThatCannotBeWrittenGivesASentence() throws IOException {
        Path notADirectory = Files.writeString(temp.resolve("file"), "x");
        try (SpnDuplicateFinder finder = new SpnDuplicateFinder(notADirectory, 1)) {
            assertThatThrownBy(() -> finder.add(entry("HOST/h1", "CN=h1,DC=contoso,DC=test")))
                    .isInstanceOf(SpnDuplicateFinder.SpillFailed.class)
                    .hasMessageStartingWith("The scan could not write its sorted SPNs under " + notADirectory + " (")
                    .hasMessageEndingWith("set asa.directory.scan-spill-directory to a directory the console may write to.");
        }
    }

    private static SpnDuplicateFinder.Keyed entry(String spn, String dn) {
        return new SpnDuplicateFinder.Keyed(SpnInventory.matchKey(spn), spn, dn, dn.substring(3, dn.indexOf(',')) + "$");
    }
}
