package com.asaconsole.topology;

/** The kind of AD object holding the ASA credential. Computer is preferred; gMSA is not supported. */
public enum AsaKind {
    COMPUTER("computer account"), USER("user account"), GMSA("group managed service account");

    private final String label;

    AsaKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
