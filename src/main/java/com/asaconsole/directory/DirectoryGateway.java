package com.asaconsole.directory;

import org.springframework.stereotype.Service;

/**
 * Opens a forest's directory for one purpose: {@link DirectoryPeople} (who signs in), {@link SpnLookups} (who holds an
 * SPN, what an account is), the scan's reader, or the whole {@link ForestDirectory} a change's steps read and write
 * through (its writes only as {@link ForestWrites}, ADR 41).
 */
@Service
public class DirectoryGateway {

    private final io.micrometer.core.instrument.MeterRegistry metrics;

    /** Outside the console (tools, benchmarks): LDAP metrics go to Micrometer's global registry. */
    public DirectoryGateway() {
        this(io.micrometer.core.instrument.Metrics.globalRegistry);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public DirectoryGateway(io.micrometer.core.instrument.MeterRegistry metrics) {
        this.metrics = metrics;
    }

    public ForestDirectory open(DirectoryConnection connection) {
        ForestLdap ldap = new ForestLdap(connection, metrics);
        return new ForestDirectory(ldap, new SpnLookups(ldap, new DirectoryPeople(ldap)));
    }

    /** The people who sign in to the console (identity). */
    public DirectoryPeople people(DirectoryConnection connection) {
        return new DirectoryPeople(new ForestLdap(connection, metrics));
    }

    /** Who holds an SPN and what an account is (helpdesk, health, planning, rotation). */
    public SpnLookups spnLookups(DirectoryConnection connection) {
        ForestLdap ldap = new ForestLdap(connection, metrics);
        return new SpnLookups(ldap, new DirectoryPeople(ldap));
    }

    /** The forest-wide SPN scan's reader ({@link SpnInventory}). */
    SpnScanReader scanReader(DirectoryConnection connection) {
        return new SpnScanReader(new ForestLdap(connection, metrics));
    }
}
