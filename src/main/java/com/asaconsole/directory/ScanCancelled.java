package com.asaconsole.directory;

/** Thrown inside a scan when it is cancelled. */
public final class ScanCancelled extends RuntimeException {
    ScanCancelled() {
        super("The scan was cancelled.");
    }
}
