package com.asaconsole.directory;

/** A directory operation that did not happen; the message is a sentence an admin can act on. */
public class DirectoryException extends RuntimeException {

    public DirectoryException(String sentence) {
        this(sentence, null, false);
    }

    public DirectoryException(String sentence, Throwable cause) {
        this(sentence, cause, false);
    }

    private final boolean unreachable;

    DirectoryException(String sentence, Throwable cause, boolean unreachable) {
        super(sentence, cause);
        this.unreachable = unreachable;
    }

    /** True when the DC did not answer or the connection broke (worth a retry), false when the directory refused. */
    public boolean unreachable() {
        return unreachable;
    }
}
