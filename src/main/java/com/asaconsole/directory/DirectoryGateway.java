package com.asaconsole.directory;

import org.springframework.stereotype.Service;

/** Opens a forest's directory for the operations of {@link ForestDirectory}. */
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
        return new ForestDirectory(connection, metrics);
    }
}
