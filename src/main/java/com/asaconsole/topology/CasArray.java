package com.asaconsole.topology;

import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** An Exchange 2010 RPC Client Access array: the name Outlook uses for MAPI over RPC. */
@Table("cas_array")
record CasArray(@Id Long id, String fqdn, Long siteId,
        @MappedCollection(idColumn = "cas_array_id") Set<Member> members, @Version Integer version) {

    @Table("cas_array_member")
    record Member(Long serverId) {
    }
}
