package com.asaconsole.planning;

/**
 * An SPN to register on an ASA, with its reason: the name it is for ({@code host}, a namespace or
 * a CAS array), what that name carries ({@code services}) and the Exchange versions behind it.
 */
public record PlannedSpn(String spn, String asa, String host, String source, String services, String exchange) {

    public String serviceClass() {
        return spn.substring(0, spn.indexOf('/'));
    }

    public String reason() {
        return source + " " + host + " carries " + services + " for " + exchange;
    }

    public String canonical() {
        return "SPN " + asa + " " + spn + " | " + reason();
    }
}
