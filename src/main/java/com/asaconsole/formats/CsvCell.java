package com.asaconsole.formats;

/**
 * One cell of an exported CSV file (RFC 4180, as PostgreSQL's COPY writes it) that a spreadsheet opens without
 * running anything: a value that starts with a formula character ({@code = + - @}, tab, carriage return) or an
 * apostrophe gets one leading apostrophe, which {@link #restored} takes off again, so the rule is reversible.
 * A cell is quoted when it holds a comma, a quote or a line break, and when it is empty or {@code \.} (COPY's
 * end-of-data marker), so that an empty cell means null.
 */
public final class CsvCell {

    /** Characters that make a spreadsheet read a cell as a formula, and the apostrophe that keeps the rule reversible. */
    public static final String FORMULA_LEADS = "=+-@\t\r'";

    private CsvCell() {
    }

    /** The value with a leading apostrophe when it starts with a formula character or an apostrophe. */
    public static String defused(String value) {
        return value != null && !value.isEmpty() && FORMULA_LEADS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    /** What {@link #defused} was given: the exported value with one leading apostrophe removed. */
    public static String restored(String exported) {
        return exported != null && exported.startsWith("'") ? exported.substring(1) : exported;
    }

    /** Appends the value as it is (already defused where it must be), quoted when needed; null appends nothing. */
    public static StringBuilder append(StringBuilder sb, String value) {
        if (value == null) {
            return sb;
        }
        boolean quote = value.isEmpty() || value.equals("\\.");
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            return sb.append(value);
        }
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                sb.append('"');
            }
            sb.append(c);
        }
        return sb.append('"');
    }
}
