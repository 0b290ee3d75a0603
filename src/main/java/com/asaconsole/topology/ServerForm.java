package com.asaconsole.topology;

/** What the pages and the API accept for an Exchange server; never bound to an entity. */
record ServerForm(String fqdn, Long siteId, ExchangeVersion exchangeVersion, WindowsServer operatingSystem,
        String winrmEndpoint, WinRmAuth winrmAuth, Boolean standby, Long asaAccountId, Integer version) {

    boolean isStandby() {
        return Boolean.TRUE.equals(standby);
    }

    static ServerForm empty() {
        return new ServerForm("", null, ExchangeVersion.EXCHANGE_2019, WindowsServer.WS2019, "", WinRmAuth.KERBEROS,
                false, null, null);
    }

    static ServerForm from(ExchangeServer s) {
        return new ServerForm(s.fqdn(), s.siteId(), s.exchangeVersion(), s.operatingSystem(), s.winrmEndpoint(),
                s.winrmAuth(), s.standby(), s.asaAccountId(), s.version());
    }
}
