package com.asaconsole.kerberos;

/** A Kerberos check that did not succeed; the message is a sentence an admin can act on. */
public class KerberosCheckFailed extends RuntimeException {

    public KerberosCheckFailed(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
