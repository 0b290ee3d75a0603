package com.asaconsole.topology;

/** What the pages and the API accept for an AD site; never bound to an entity. */
record SiteForm(Long forestId, String name, Integer version) {

    static SiteForm empty() {
        return new SiteForm(null, "", null);
    }

    static SiteForm from(Site s) {
        return new SiteForm(s.forestId(), s.name(), s.version());
    }
}
