package com.asaconsole.topology;

import java.util.List;

/** What the pages and the API accept for a CAS array; never bound to an entity. */
record CasArrayForm(String fqdn, Long siteId, List<Long> memberIds, Integer version) {

    CasArrayForm {
        memberIds = memberIds == null ? List.of() : memberIds.stream().filter(java.util.Objects::nonNull).toList();
    }

    static CasArrayForm empty() {
        return new CasArrayForm("", null, List.of(), null);
    }

    static CasArrayForm from(CasArray a) {
        return new CasArrayForm(a.fqdn(), a.siteId(), a.members().stream().map(CasArray.Member::serverId).sorted().toList(),
                a.version());
    }
}
