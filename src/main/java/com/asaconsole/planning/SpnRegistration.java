package com.asaconsole.planning;

/**
 * Where a planned SPN was registered when the plan was made: read from the forest's directory
 * (setspn -F -Q). {@code holderSam} is the holder's sAMAccountName ({@code CAS01$}).
 */
public record SpnRegistration(String spn, String forest, String holderDn, String holderSam) {

    public String canonical() {
        return "REGISTERED " + spn + " " + forest + " " + holderSam + " " + holderDn;
    }
}
