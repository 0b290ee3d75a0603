package com.asaconsole.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

import com.asaconsole.formats.CsvCell;

import org.springframework.stereotype.Component;

/**
 * Writes matching records as CSV or JSON straight from the database cursor to the response,
 * oldest first, with every field including both hashes: an export can be re-verified on its own.
 * Anyone can put text into the trail (a typed user name), so a text value a spreadsheet would run
 * as a formula (starting with {@code = + - @}, a tab or a carriage return) is written with a
 * leading apostrophe, as the SPN inventory export does; a value that itself starts with an
 * apostrophe gets one more, so that removing one leading apostrophe from every text value that
 * starts with one gives the stored value back, and the hashes verify (docs/operations.md).
 */
@Component
class AuditExport {

    static final String CSV_HEADER = "seq,occurred_at,actor_id,actor_name,source_address,action,target,outcome,correlation,"
            + "details,prev_hash,hash";

    /** UTC as PostgreSQL writes a timestamptz (ISO style, zone UTC): fraction only as long as needed, then +00. */
    static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 6, true).appendLiteral("+00").toFormatter().withZone(ZoneOffset.UTC);

    private final AuditSearch search;
    private final PostgresCopy postgres;

    AuditExport(AuditSearch search, PostgresCopy postgres) {
        this.search = search;
        this.postgres = postgres;
    }

    /** RFC 4180 CSV with a header, one record a line ({@code \n}); a null is an empty cell, an empty text {@code ""}. */
    void csv(AuditFilter filter, OutputStream out) throws IOException {
        if (postgres.available()) {
            postgres.csv(filter, out);
        } else {
            csvThroughJdbc(filter, out);
        }
    }

    void csvThroughJdbc(AuditFilter filter, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write(CSV_HEADER);
        w.write("\n");
        StringBuilder line = new StringBuilder(512);
        stream(filter, r -> {
            line.setLength(0);
            line.append(r.seq()).append(',');
            TIME.formatTo(r.occurredAt(), line);
            line.append(',');
            CsvCell.append(line, CsvCell.defused(r.actorId())).append(',');
            CsvCell.append(line, CsvCell.defused(r.actorName())).append(',');
            CsvCell.append(line, CsvCell.defused(r.sourceAddress())).append(',');
            CsvCell.append(line, CsvCell.defused(r.action())).append(',');
            CsvCell.append(line, CsvCell.defused(r.target())).append(',');
            line.append(r.outcome().name()).append(',');
            CsvCell.append(line, CsvCell.defused(r.correlation())).append(',');
            CsvCell.append(line, CsvCell.defused(r.details())).append(',');
            line.append(r.prevHash()).append(',').append(r.hash()).append('\n');
            w.append(line);
        });
        w.flush();
    }

    void json(AuditFilter filter, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write("[");
        StringBuilder sb = new StringBuilder(512);
        boolean[] first = { true };
        stream(filter, r -> {
            sb.setLength(0);
            sb.append(first[0] ? "\n" : ",\n");
            first[0] = false;
            sb.append("{\"seq\":").append(r.seq()).append(",\"occurredAt\":\"").append(r.occurredAt()).append('"');
            field(sb, "actorId", CsvCell.defused(r.actorId()));
            field(sb, "actorName", CsvCell.defused(r.actorName()));
            field(sb, "sourceAddress", CsvCell.defused(r.sourceAddress()));
            field(sb, "action", CsvCell.defused(r.action()));
            field(sb, "target", CsvCell.defused(r.target()));
            field(sb, "outcome", r.outcome().name());
            field(sb, "correlation", CsvCell.defused(r.correlation()));
            field(sb, "details", CsvCell.defused(r.details()));
            field(sb, "prevHash", r.prevHash());
            field(sb, "hash", r.hash());
            sb.append('}');
            w.append(sb);
        });
        w.write("\n]\n");
        w.flush();
    }

    private void stream(AuditFilter filter, IoSink sink) throws IOException {
        try {
            search.stream(filter, r -> {
                try {
                    sink.accept(r);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void field(StringBuilder sb, String name, String value) {
        sb.append(",\"").append(name).append("\":");
        Json.string(sb, value);
    }

    @FunctionalInterface
    private interface IoSink {
        void accept(AuditRecord record) throws IOException;
    }
}
