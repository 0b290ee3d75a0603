package com.asaconsole.directory;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import com.asaconsole.input.ApiRefusal;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Forest-wide SPN scans for scripts: start one, poll its progress, read its duplicates and suspicious SPNs, export the
 * whole inventory. The same {@link InventoryScans} as the inventory page starts and cancels them, with the same audit
 * records; the scan only reads the directory.
 */
@RestController
@RequestMapping(path = "/api/inventory", produces = "application/json")
@Tag(name = "Inventory", description = "Forest-wide SPN scans: start, progress, duplicates, CSV export (read-only in AD)")
class InventoryApi {

    /** Which forest to scan: one with a directory connection (see GET /api/inventory). */
    record ScanRequest(String forest) {
    }

    /** A configured forest and its latest scan (null before the first). */
    record ForestView(String forest, ScanView latest) {
    }

    /**
     * A scan. {@code status}: RUNNING (the counts grow while it reads), FINISHED, FAILED or CANCELLED ({@code message}
     * says why). {@code duplicates} (an SPN more than one account holds; {@code lookAlike}: they differ by a hidden
     * or look-alike character) and {@code suspicious} are there once it is FINISHED, else null.
     */
    record ScanView(long id, String forest, String status, Instant startedAt, Instant finishedAt, long accountsSeen, long spnsSeen,
            String message, List<SpnInventory.Duplicate> duplicates, List<SpnInventory.Suspicious> suspicious, String inventoryCsv) {
    }

    private final SpnInventory inventory;
    private final DirectorySettings settings;
    private final InventoryScans scans;

    InventoryApi(SpnInventory inventory, DirectorySettings settings, InventoryScans scans) {
        this.inventory = inventory;
        this.settings = settings;
        this.scans = scans;
    }

    @GetMapping
    @Operation(summary = "Every forest with a directory connection and its latest scan")
    List<ForestView> forests() {
        return settings.all().stream().map(f -> new ForestView(f.forest(), inventory.latest(f.forest()).map(s -> view(s, false))
                .orElse(null))).toList();
    }

    @PostMapping(path = "/scans", consumes = "application/json")
    @Operation(summary = "Start a scan of a forest's SPNs in the background (Exchange admins and helpdesk)")
    @ApiResponse(responseCode = "202", description = "Started; the Location header names the scan to poll")
    ResponseEntity<ScanView> start(@RequestBody ScanRequest request) {
        if (request.forest() == null || request.forest().isBlank()) {
            throw ApiRefusal.invalid("forest", "Name the forest to scan (forest), e.g. contoso.com; GET /api/inventory lists them.");
        }
        String forest = request.forest().strip();
        if (settings.find(forest).isEmpty()) {
            throw ApiRefusal.invalid("forest", "No directory connection is configured for forest " + forest
                    + ". An admin adds it under Directory.");
        }
        long id;
        try {
            id = scans.start(forest);
        } catch (DirectoryException e) {
            throw ApiRefusal.refused(e.getMessage());
        }
        return ResponseEntity.accepted().location(URI.create("/api/inventory/scans/" + id)).body(view(scan(id), true));
    }

    @GetMapping("/scans/{id}")
    @Operation(summary = "A scan's progress, and once finished its duplicate and suspicious SPNs")
    ScanView read(@PathVariable long id) {
        return view(scan(id), true);
    }

    @PostMapping("/scans/{id}/cancel")
    @Operation(summary = "Stop a running scan after its current page of results (Exchange admins and helpdesk)")
    ScanView cancel(@PathVariable long id) {
        SpnInventory.Scan scan = scan(id);
        if (!scans.cancel(id)) {
            throw ApiRefusal.refused("Scan " + id + " is " + scan.status() + "; only a running scan can be cancelled.");
        }
        return view(scan(id), true);
    }

    @GetMapping(path = "/scans/{id}/inventory.csv", produces = { "text/csv", "application/problem+json" })
    @Operation(summary = "A finished scan's whole inventory, every SPN with its account, as CSV (UTF-8 with a byte order mark)")
    ResponseEntity<StreamingResponseBody> export(@PathVariable long id) {
        SpnInventory.Scan scan = scan(id);
        if (scan.status() != SpnInventory.Status.FINISHED) { // a partial inventory would pass for the whole forest
            throw ApiRefusal.refused("Scan " + id + " is " + scan.status() + "; only a finished scan has a whole inventory to export.");
        }
        return InventoryCsv.download(inventory, scan);
    }

    private SpnInventory.Scan scan(long id) {
        return inventory.find(id).orElseThrow(() -> ApiRefusal.notFound("There is no SPN scan " + id + "."));
    }

    private ScanView view(SpnInventory.Scan s, boolean results) {
        boolean finished = s.status() == SpnInventory.Status.FINISHED;
        return new ScanView(s.id(), s.forest(), s.status().name(), s.startedAt(), s.finishedAt(), s.accountsSeen(), s.spnsSeen(),
                s.message(), results && finished ? inventory.duplicates(s.id()) : null, results && finished ? inventory.suspicious(s.id()) : null,
                finished ? "/api/inventory/scans/" + s.id() + "/inventory.csv" : null);
    }
}
