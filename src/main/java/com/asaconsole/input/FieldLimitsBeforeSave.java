package com.asaconsole.input;

import java.util.List;

import org.springframework.data.relational.core.mapping.event.BeforeConvertCallback;
import org.springframework.stereotype.Component;

/**
 * The last check before Spring Data JDBC writes any entity: a text its column can't hold is
 * refused here, whatever path it came by, instead of reaching the database as an error that
 * carries the value. Forms and API bodies are checked earlier, with a sentence for their field.
 */
@Component
class FieldLimitsBeforeSave implements BeforeConvertCallback<Object> {

    private final FieldLimits limits;

    FieldLimitsBeforeSave(FieldLimits limits) {
        this.limits = limits;
    }

    @Override
    public Object onBeforeConvert(Object aggregate) {
        List<FieldLimits.Violation> violations = limits.violations(aggregate);
        if (!violations.isEmpty()) {
            throw new InputRejected(violations);
        }
        return aggregate;
    }
}
