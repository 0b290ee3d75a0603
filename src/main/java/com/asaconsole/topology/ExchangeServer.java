package com.asaconsole.topology;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** An Exchange server with the Client Access role; {@code asaAccountId} is the ASA it is planned to hold. */
@Table("exchange_server")
record ExchangeServer(@Id Long id, String fqdn, Long siteId, ExchangeVersion exchangeVersion, WindowsServer operatingSystem,
        String winrmEndpoint, WinRmAuth winrmAuth, boolean standby, Long asaAccountId, @Version Integer version) {
}
