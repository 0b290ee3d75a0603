package com.asaconsole.directory;

/** A directory operation that did not happen; the message is a sentence an admin can act on. */
public class DirectoryException extends RuntimeException {

    public DirectoryException(String sentence) {
        super(sentence);
    }

    public DirectoryException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
