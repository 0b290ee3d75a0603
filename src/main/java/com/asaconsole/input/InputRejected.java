package com.asaconsole.input;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input that does not fit where it would be stored. The message names the fields and says why,
 * never the value: it may end in a log.
 */
public class InputRejected extends RuntimeException {

    private final transient List<FieldLimits.Violation> violations;

    public InputRejected(List<FieldLimits.Violation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining(" ")), null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<FieldLimits.Violation> violations() {
        return violations;
    }
}
