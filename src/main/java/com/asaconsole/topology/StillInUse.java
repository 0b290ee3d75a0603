package com.asaconsole.topology;

/** A deletion refused because something still refers to the item; the message says what and how to fix it. */
class StillInUse extends RuntimeException {
    StillInUse(String sentence) {
        super(sentence);
    }
}
