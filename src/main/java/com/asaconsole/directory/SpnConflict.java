package com.asaconsole.directory;

import java.util.List;

/** An SPN that another account already holds: adding it would break Kerberos for both. */
public class SpnConflict extends DirectoryException {

    private final String spn;
    private final List<SpnOwner> owners;

    SpnConflict(String spn, List<SpnOwner> owners) {
        super("SPN " + spn + " is already registered on " + String.join(", ", owners.stream().map(SpnOwner::describe).toList())
                + ". Remove it there first (or move it) before adding it to this account.");
        this.spn = spn;
        this.owners = List.copyOf(owners);
    }

    public String spn() {
        return spn;
    }

    public List<SpnOwner> owners() {
        return owners;
    }
}
