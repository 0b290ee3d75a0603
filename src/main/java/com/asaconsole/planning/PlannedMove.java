package com.asaconsole.planning;

/**
 * A planned SPN found on a CAS computer account of the estate or on another ASA of the estate
 * (facts rule 7): it is removed there ({@code fromDn}), then added to its ASA, as two audited writes.
 */
public record PlannedMove(String spn, String asa, String fromDn, String fromSam, String why) {

    public String canonical() {
        return "MOVE " + spn + " from " + fromSam + " " + fromDn + " to " + asa + " | " + why;
    }
}
