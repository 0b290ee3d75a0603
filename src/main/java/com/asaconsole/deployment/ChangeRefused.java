package com.asaconsole.deployment;

/** A submission, approval or rejection that the four-eyes rules refuse; the message says why. */
public class ChangeRefused extends RuntimeException {

    public ChangeRefused(String sentence) {
        super(sentence);
    }
}
