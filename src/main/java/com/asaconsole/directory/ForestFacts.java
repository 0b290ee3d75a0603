package com.asaconsole.directory;

import java.util.List;

/** What the directory says about its forest, read from rootDSE and the configuration partition. */
public record ForestFacts(String dcHostName, String defaultNamingContext, String rootDomainNamingContext,
        String configurationNamingContext, List<Domain> domains, List<String> sites, List<DomainController> domainControllers) {

    public record Domain(String dnsName, String netbiosName, String namingContext) {
    }

    public record DomainController(String hostName, String site) {
    }
}
