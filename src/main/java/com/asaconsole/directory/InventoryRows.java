package com.asaconsole.directory;

import java.sql.SQLException;

/**
 * Groups a scan's SPNs, which arrive account by account, into inventory rows: an account and as
 * many of its SPNs as fit one value ({@link SpnList}); an account with more gets further rows,
 * numbered by {@code part}.
 */
final class InventoryRows {

    @FunctionalInterface
    interface RowSink {
        void accept(String accountDn, String samAccountName, int part, String spns) throws SQLException;
    }

    private final int limit;
    private final RowSink sink;
    private final StringBuilder spns = new StringBuilder(128);
    private String accountDn;
    private String samAccountName;
    private int part;

    /** {@code limit}: the most characters one row's SPN list may have (its column's size). */
    InventoryRows(int limit, RowSink sink) {
        this.limit = limit;
        this.sink = sink;
    }

    void add(String spn, String accountDn, String samAccountName) throws SQLException {
        if (!accountDn.equals(this.accountDn)) {
            flush();
            this.accountDn = accountDn;
            this.samAccountName = samAccountName;
            part = 0;
        } else if (!spns.isEmpty() && spns.length() + 1 + 2 * spn.length() > limit) { // 2×: every character escaped
            flush();
            part++;
        }
        SpnList.append(spns, spn);
    }

    /** Hands over the row being built, if any. */
    void flush() throws SQLException {
        if (!spns.isEmpty()) {
            sink.accept(accountDn, samAccountName, part, spns.toString());
            spns.setLength(0);
        }
    }
}
