package com.asaconsole.directory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.asaconsole.formats.CsvCell;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A scan's inventory as RFC 4180 CSV: one line per SPN and account, sorted by account. The values
 * come from the directory, where anyone who may write an SPN chooses them, so a cell that a
 * spreadsheet would run as a formula (starting with {@code = + - @}, a tab or a carriage return)
 * is written with a leading apostrophe. The file starts with a byte order mark, so that Excel reads it
 * as UTF-8 and shows an SPN's hidden characters as they are.
 */
final class InventoryCsv {

    static final String HEADER = "account_dn,sam_account_name,spn";

    private InventoryCsv() {
    }

    /** A finished scan's whole inventory as a dated CSV download (the page's link and the API answer the same file). */
    static ResponseEntity<StreamingResponseBody> download(SpnInventory inventory, SpnInventory.Scan scan) {
        String file = "spn-inventory-" + scan.forest().replaceAll("[^A-Za-z0-9.-]", "_") + "-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(scan.startedAt()) + ".csv";
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString())
                .body(out -> write(inventory, scan.id(), out));
    }

    static void write(SpnInventory inventory, long scanId, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write('\uFEFF');
        w.write(HEADER);
        w.write("\r\n");
        StringBuilder line = new StringBuilder(256);
        try {
            inventory.inventory(scanId, o -> {
                line.setLength(0);
                cell(line, o.accountDn()).append(',');
                cell(line, o.samAccountName()).append(',');
                cell(line, o.spn()).append("\r\n");
                try {
                    w.append(line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        w.flush();
    }

    /** A cell as every export writes it (formula characters defused, quoted when needed). */
    static StringBuilder cell(StringBuilder sb, String value) {
        return CsvCell.append(sb, CsvCell.defused(value));
    }
}
