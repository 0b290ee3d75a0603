package com.asaconsole.audit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reviewer narrows the trail to, as typed (request parameters); times are UTC.
 *
 * @param actor part of a stable id ({@code local:1}) or of a display name, in any case ({@code admin} finds
 *        "Bootstrap administrator")
 * @param action an action as the picker offers it: exactly ({@code sign-in}), or a group ({@code change.*})
 * @param target part of a target, in any case
 * @param change a change: its number ({@code 7}), its correlation id ({@code change-7}), or a target, exactly
 * @param from records at or after this UTC time ({@code 2026-11-25T10:00})
 * @param to records before this UTC time
 * @param before keyset: only records older than this number (the previous page's last)
 */
record AuditFilter(String actor, String action, String target, String change, String from, String to, Long before) {

    AuditFilter {
        actor = blankToNull(actor);
        action = blankToNull(action);
        target = blankToNull(target);
        change = blankToNull(change);
        from = blankToNull(from);
        to = blankToNull(to);
    }

    static AuditFilter none() {
        return new AuditFilter(null, null, null, null, null, null, null);
    }

    AuditFilter withoutKeyset() {
        return new AuditFilter(actor, action, target, change, from, to, null);
    }

    Instant fromInstant() {
        return instant(from);
    }

    Instant toInstant() {
        return instant(to);
    }

    /** The actor filter as a LIKE pattern over lower-cased columns (contains, case-insensitive), or null. */
    String actorPattern() {
        return contains(actor);
    }

    String targetPattern() {
        return contains(target);
    }

    /** True when the action names a group ({@code change.*}): every action starting with {@code change.}. */
    boolean actionGroup() {
        return action != null && action.endsWith(".*");
    }

    /** The action for an exact match, or the LIKE pattern of a group. */
    String actionValue() {
        return actionGroup() ? escape(action.substring(0, action.length() - 1)) + "%" : action;
    }

    /** A change number means its correlation id; anything else is matched exactly against correlation and target. */
    String changeKey() {
        return change != null && change.matches("[0-9]{1,18}") ? "change-" + change : change;
    }

    private static String contains(String value) {
        return value == null ? null : "%" + escape(value.toLowerCase(java.util.Locale.ROOT)) + "%";
    }

    /** LIKE's own characters taken literally (the queries say ESCAPE '\'). */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Sentences about parameters that can't be used; empty when all are fine. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (from != null && instant(from) == null) {
            problems.add("From is not a time like 2026-11-25T10:00 (UTC).");
        }
        if (to != null && instant(to) == null) {
            problems.add("To is not a time like 2026-11-25T10:00 (UTC).");
        }
        for (String value : new String[] { actor, action, target, change }) {
            if (value != null && value.length() > 500) {
                problems.add("A filter is longer than 500 characters.");
                break;
            }
        }
        return problems;
    }

    /** The filter as written into an export's own audit record. */
    Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        put(d, "actor", actor);
        put(d, "action", action);
        put(d, "target", target);
        put(d, "change", change);
        put(d, "from", from);
        put(d, "to", to);
        return d;
    }

    private static void put(Map<String, String> d, String key, String value) {
        if (value != null) {
            d.put("filter." + key, value);
        }
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                return null;
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
