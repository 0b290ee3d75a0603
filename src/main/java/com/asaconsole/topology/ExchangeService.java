package com.asaconsole.topology;

/**
 * A client-facing Exchange service a load-balanced name carries. All but RPC run over HTTP. OWA and ECP
 * come last: the order is the order names are stored and hashed in, so older plans keep their hashes.
 */
public enum ExchangeService {
    RPC("RPC Client Access", false),
    EWS("EWS", true),
    OAB("OAB", true),
    AUTODISCOVER("Autodiscover", true),
    OUTLOOK_ANYWHERE("Outlook Anywhere", true),
    MAPI_HTTP("MAPI/HTTP", true),
    OWA("Outlook on the web (OWA)", true),
    ECP("ECP / Exchange admin center", true);

    private final String label;
    private final boolean http;

    ExchangeService(String label, boolean http) {
        this.label = label;
        this.http = http;
    }

    public String label() {
        return label;
    }

    public boolean isHttp() {
        return http;
    }
}
