package com.asaconsole.topology;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How large an estate the console models: the plan, the wizard and the pages are measured to stay
 * within a 256 MB heap at 2,000 servers and 2,000 namespaces (docs/performance.md) and refuse to
 * grow past these limits with a sentence, rather than run out of memory.
 *
 * @param maxServers Exchange servers at most
 * @param maxNamespaces load-balanced namespaces at most
 */
@Validated
@ConfigurationProperties("asa.topology")
record TopologyLimits(@Min(1) @DefaultValue("5000") int maxServers, @Min(1) @DefaultValue("5000") int maxNamespaces) {

    String serversSentence(long now, int adding) {
        return "The console models at most " + maxServers + " Exchange servers (asa.topology.max-servers); it has " + now
                + (adding > 1 ? " and this adds " + adding : "") + ". Split the estate by forest or raise the limit together with the heap.";
    }

    String namespacesSentence(long now, int adding) {
        return "The console models at most " + maxNamespaces + " namespaces (asa.topology.max-namespaces); it has " + now
                + (adding > 1 ? " and this adds " + adding : "") + ". Split the estate by forest or raise the limit together with the heap.";
    }
}
