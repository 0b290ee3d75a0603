package com.asaconsole.health;

/** What a check is about. */
public enum SubjectKind {
    /** A planned SPN of a load-balanced namespace (grouped by the namespace's name). */
    NAMESPACE,
    /** A Client Access server that serves a namespace, DR included. */
    MEMBER,
    /** An Alternate Service Account. */
    ASA
}
