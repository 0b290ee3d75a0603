package com.asaconsole.directory;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The forest-wide SPN scan under {@code asa.directory} (ADR 13: duplicates by an external sort).
 *
 * @param scanSortRun SPNs sorted in memory at once before a run is spilled to disk
 * @param scanSpillDirectory where the sorted runs are spilled (an owner-only directory of the scan's own is made in it);
 *        default: {@code java.io.tmpdir}
 */
@ConfigurationProperties("asa.directory")
record DirectoryProperties(@DefaultValue("" + SpnInventory.SORT_RUN) int scanSortRun, Path scanSpillDirectory) {

    DirectoryProperties {
        if (scanSpillDirectory == null) {
            scanSpillDirectory = Path.of(System.getProperty("java.io.tmpdir"));
        }
    }
}
