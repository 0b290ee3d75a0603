package com.asaconsole.remoting;

/**
 * The Exchange versions the console renders scripts for. Each names its lines of the PowerShell
 * envelope (src/main/resources/remoting/exchange-*.ps1): 2010 and 2013 use {@code *-ClientAccessServer}, 2016 and later
 * {@code *-ClientAccessService}; 2010 loads its own snap-in, 2013 and later share one.
 */
public enum ExchangeVersion {
    EXCHANGE_2010("2010", "exchange-2010.ps1"),
    EXCHANGE_2013("2013", "exchange-2013.ps1"),
    EXCHANGE_2016("2016", "exchange-2016.ps1"),
    EXCHANGE_2019("2019", "exchange-2016.ps1"),
    EXCHANGE_SE("SE", "exchange-2016.ps1");

    private final String label;
    private final String envelope;

    ExchangeVersion(String label, String envelope) {
        this.label = label;
        this.envelope = envelope;
    }

    public String label() {
        return label;
    }

    String envelope() {
        return envelope;
    }

    public boolean is2010() {
        return this == EXCHANGE_2010;
    }
}
