package com.asaconsole.topology;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** One reading of Exchange and the proposal shown from it, as stored until it is confirmed. */
@Table("exchange_discovery")
record DiscoveryRun(@Id Long id, Long forestId, String askedServer, String exchangeVersion, String estate, String items,
        String createdBy, Instant createdAt, String confirmedBy, Instant confirmedAt, @Version Integer version) {

    DiscoveryRun confirmed(String by, Instant at) {
        return new DiscoveryRun(id, forestId, askedServer, exchangeVersion, estate, items, createdBy, createdAt, by, at, version);
    }
}
