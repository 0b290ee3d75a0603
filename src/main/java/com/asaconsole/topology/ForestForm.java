package com.asaconsole.topology;

/** What the pages and the API accept for a forest; never bound to an entity. */
record ForestForm(String dnsName, String netbiosName, String ldapsEndpoint, String globalCatalogEndpoint,
        String asaOu, String credentialRef, Integer version) {

    static ForestForm empty() {
        return new ForestForm("", "", "ldaps://", "ldaps://", "", "", null);
    }

    static ForestForm from(Forest f) {
        return new ForestForm(f.dnsName(), f.netbiosName(), f.ldapsEndpoint(), f.globalCatalogEndpoint(), f.asaOu(),
                f.credentialRef(), f.version());
    }
}
