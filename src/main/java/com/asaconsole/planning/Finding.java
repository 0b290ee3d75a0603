package com.asaconsole.planning;

/**
 * One thing the planner noticed: {@code rule} is a stable code, {@code subject} the namespace,
 * account or server it is about, {@code sentence} what is wrong and {@code fix} what to do.
 */
public record Finding(Severity severity, String rule, String subject, String sentence, String fix) {

    /** One line, stable, for hashing and comparing versions. */
    public String canonical() {
        return severity + " " + rule + " " + subject + " | " + sentence + " | " + fix;
    }
}
