package com.asaconsole.audit;


import java.util.Map;
import java.util.TreeMap;
import com.asaconsole.formats.Sha256;

/**
 * The canonical form of a record and its SHA-256. Every field is written as
 * {@code name=<length>:<value>\n} (a null as {@code name=-\n}) in a fixed order ending with the
 * previous record's hash, so no two different records share a canonical form.
 */
final class ChainHash {

    static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    static String of(AuditRecord r) {
        StringBuilder sb = new StringBuilder(256);
        field(sb, "seq", Long.toString(r.seq()));
        field(sb, "occurred_at", r.occurredAt().toString());
        field(sb, "actor_id", r.actorId());
        field(sb, "actor_name", r.actorName());
        field(sb, "source_address", r.sourceAddress());
        field(sb, "action", r.action());
        field(sb, "target", r.target());
        field(sb, "outcome", r.outcome().name());
        field(sb, "correlation", r.correlation());
        field(sb, "details", r.details());
        field(sb, "prev_hash", r.prevHash());
        return sha256(sb.toString());
    }

    private static void field(StringBuilder sb, String name, String value) {
        sb.append(name).append('=');
        if (value == null) {
            sb.append('-');
        } else {
            sb.append(value.length()).append(':').append(value);
        }
        sb.append('\n');
    }

    static String sha256(String text) {
        return Sha256.hex(text);
    }

    /** Details as a JSON object with sorted keys: one spelling per set of facts. */
    static String detailsJson(Map<String, String> details) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(details).entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            Json.string(sb, e.getKey()).append(':');
            if (e.getValue() == null) {
                sb.append("null");
            } else {
                Json.string(sb, e.getValue());
            }
        }
        return sb.append('}').toString();
    }
}
