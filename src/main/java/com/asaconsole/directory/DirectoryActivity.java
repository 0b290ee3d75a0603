package com.asaconsole.directory;

import java.util.Map;

/**
 * Something an admin or helpdesk person did with the directory settings or the SPN inventory, for the audit trail:
 * {@code directory.saved}, {@code directory.tested}, {@code inventory.scan-started}, {@code inventory.scan-cancelled}.
 * Published synchronously (in the saving transaction where there is one), so an action whose record can't be written
 * fails. Never carries a password.
 *
 * @param target the forest, or {@code scan #<id>} for a scan
 */
public record DirectoryActivity(String action, String target, boolean succeeded, Map<String, String> details) {

    public DirectoryActivity {
        details = Map.copyOf(details);
    }
}
