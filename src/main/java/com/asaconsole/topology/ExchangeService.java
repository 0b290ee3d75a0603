package com.asaconsole.topology;

/** A client-facing Exchange service a load-balanced name carries. All but RPC run over HTTP. */
public enum ExchangeService {
    RPC("RPC Client Access", false),
    EWS("EWS", true),
    OAB("OAB", true),
    AUTODISCOVER("Autodiscover", true),
    OUTLOOK_ANYWHERE("Outlook Anywhere", true),
    MAPI_HTTP("MAPI/HTTP", true);

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
