package com.asaconsole.audit;

/**
 * Who did something: a stable id (compared, never renamed: {@code local:1}, an AD objectSid) and
 * the name shown to a reader.
 */
public record Actor(String id, String displayName) {

    /** The console itself, e.g. a scheduled job acting on nobody's direct request. */
    public static final Actor SYSTEM = new Actor("system", "ASA Console");

    public Actor {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an actor needs a stable id");
        }
        if (displayName == null || displayName.isBlank()) {
            displayName = id;
        }
    }
}
