package com.asaconsole.audit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The trail for Prometheus: how long the chain is now (its newest sequence number, one indexed query per scrape),
 * and what the last full verification found (1 intact, 0 broken; absent until the first verification ends) and how
 * many records it read. An alert on {@code asa_audit_verification_intact == 0} catches a rewritten trail.
 */
@Component
class AuditMetrics implements MeterBinder {

    private final JdbcClient jdbc;
    private final AuditTrailHealth health;

    AuditMetrics(JdbcClient jdbc, AuditTrailHealth health) {
        this.jdbc = jdbc;
        this.health = health;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("asa.audit.chain.length", this, AuditMetrics::chainLength).description("Records in the audit chain (newest seq)")
                .register(registry);
        Gauge.builder("asa.audit.verification.intact", this, m -> {
            Verification last = m.health.last();
            return last == null ? Double.NaN : last.intact() ? 1 : 0;
        }).description("1 when the last full verification found the chain intact, 0 when broken").register(registry);
        Gauge.builder("asa.audit.verification.records", this, m -> {
            Verification last = m.health.last();
            return last == null ? Double.NaN : last.recordsChecked();
        }).description("Records the last full verification read").register(registry);
    }

    private double chainLength() {
        try {
            Long seq = jdbc.sql("SELECT MAX(seq) FROM audit_record").query(Long.class).single();
            return seq == null ? 0 : seq;
        } catch (RuntimeException e) {
            // the database does not answer: the scrape shows no value rather than failing
            return Double.NaN;
        }
    }
}
