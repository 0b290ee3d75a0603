package com.asaconsole.planning;

import java.util.List;
import java.util.Set;

/**
 * What planning read from the directory: the forests it could read, where each planned SPN is
 * registered there, and a sentence per forest it could not read. Empty when no forest is connected.
 */
public record DirectoryReading(Set<String> forests, List<SpnRegistration> registrations, List<String> problems) {

    public static final DirectoryReading NONE = new DirectoryReading(Set.of(), List.of(), List.of());

    public DirectoryReading {
        forests = forests == null ? Set.of() : Set.copyOf(forests);
        registrations = registrations == null ? List.of() : List.copyOf(registrations);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}
