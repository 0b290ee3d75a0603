package com.asaconsole.directory;

/** An account that holds an SPN. */
public record SpnOwner(String dn, String samAccountName) {

    String describe() {
        return samAccountName == null ? dn : samAccountName + " (" + dn + ")";
    }
}
