package com.asaconsole.topology;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** An AD forest: where the ASA lives and how the console reaches its DCs. The credential is a reference only. */
@Table("forest")
record Forest(@Id Long id, String dnsName, String netbiosName, String ldapsEndpoint, String globalCatalogEndpoint,
        String asaOu, String credentialRef, @Version Integer version) {
}
