package com.asaconsole.topology;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** An AD site of a forest. */
@Table("ad_site")
record Site(@Id Long id, Long forestId, String name, @Version Integer version) {
}
