package com.asaconsole.topology;

/**
 * Exchange versions that can use an ASA credential (2010 from SP1 on), as the topology models them.
 * What differs between them in PowerShell (snap-in, cmdlets) is known in one place only:
 * remoting's {@code ExchangeVersion}.
 */
public enum ExchangeVersion {
    EXCHANGE_2010("Exchange 2010 SP1+"),
    EXCHANGE_2013("Exchange 2013"),
    EXCHANGE_2016("Exchange 2016"),
    EXCHANGE_2019("Exchange 2019"),
    EXCHANGE_SE("Exchange SE");

    private final String label;

    ExchangeVersion(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** 2010 and 2013+ can't share an ASA; this is the line between them. */
    public boolean isLegacy() {
        return this == EXCHANGE_2010;
    }
}
