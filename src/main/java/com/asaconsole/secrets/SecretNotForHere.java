package com.asaconsole.secrets;

/**
 * A secret was asked for a place other than the one it was stored for (e.g. a directory
 * connection whose address or certificate changed since its password was entered). Nothing was
 * revealed.
 */
public class SecretNotForHere extends RuntimeException {

    public SecretNotForHere(SecretId id) {
        super("Secret " + id.value() + " was stored for another endpoint; it is not sent here. Enter the password again.");
    }
}
