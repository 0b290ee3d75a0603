package com.asaconsole.rotation;

/** Why a rotation policy was not submitted or approved, in a sentence an admin can act on. */
public class PolicyRefused extends RuntimeException {
    PolicyRefused(String sentence) {
        super(sentence);
    }
}
