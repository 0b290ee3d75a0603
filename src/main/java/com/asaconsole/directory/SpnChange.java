package com.asaconsole.directory;

/** What an SPN add or remove did; re-running a finished change reports that it was already done. */
public enum SpnChange {
    ADDED, ALREADY_PRESENT, REMOVED, NOT_PRESENT
}
