package com.asaconsole.audit;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

/** Read access for other modules' pages, e.g. a change's whole story. */
@Component
public class AuditReader {

    private final AuditSearch search;

    AuditReader(AuditSearch search) {
        this.search = search;
    }

    /** Every record of one correlation (e.g. {@code change-7}), oldest first, at most {@code limit}. */
    public List<AuditRecord> correlated(String correlation, int limit) {
        List<AuditRecord> records = new ArrayList<>();
        search.stream(new AuditFilter(null, null, null, correlation, null, null, null), r -> {
            if (records.size() < limit) {
                records.add(r);
            }
        });
        return records;
    }
}
