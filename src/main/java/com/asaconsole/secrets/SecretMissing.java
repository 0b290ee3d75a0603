package com.asaconsole.secrets;

public class SecretMissing extends RuntimeException {

    SecretMissing(SecretId id) {
        super("Secret " + id.value() + " does not exist (any more). Enter the credential again.");
    }
}
