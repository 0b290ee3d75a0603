package com.asaconsole.directory;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The forest-wide SPN scan under {@code asa.directory} (ADR 13: duplicates by an external sort).
 *
 * @param scanSortRun SPNs sorted in memory at once before a run is spilled to disk
 * @param scanSpillDirectory where the sorted runs are spilled (an owner-only directory of the scan's own is made in it);
 *        default: {@code java.io.tmpdir}
 * @param scanHeartbeat how often a node marks its running scans alive
 * @param scanMissedHeartbeats after this many missed heartbeats any node marks the scan FAILED: the console running it
 *        stopped (the scheduler thread that sends them is shared, hence more than the executor's four)
 */
@ConfigurationProperties("asa.directory")
record DirectoryProperties(@DefaultValue("" + SpnInventory.SORT_RUN) int scanSortRun, Path scanSpillDirectory,
        @DefaultValue("30s") Duration scanHeartbeat, @DefaultValue("10") int scanMissedHeartbeats) {

    DirectoryProperties {
        if (scanSpillDirectory == null) {
            scanSpillDirectory = Path.of(System.getProperty("java.io.tmpdir"));
        }
        if (scanHeartbeat == null) { // built by hand (tools, tests)
            scanHeartbeat = Duration.ofSeconds(30);
        }
        if (scanMissedHeartbeats < 1) {
            scanMissedHeartbeats = 10;
        }
    }
}
