package com.asaconsole.directory;

/** One SPN value on one account, as the forest-wide scan and the host search read it. */
public record SpnEntry(String spn, String accountDn, String samAccountName) {
}
