package com.asaconsole.topology;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** The definition of an Alternate Service Account; it serves the servers assigned to it. */
@Table("asa_account")
record AsaAccount(@Id Long id, Long forestId, String samAccountName, AsaKind kind, String ou, Integer encryptionTypes,
        boolean passwordNeverExpires, int rotationDays, @Version Integer version) {
}
