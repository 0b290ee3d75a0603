package com.asaconsole.topology;

/** Where clients resolve a load-balanced name: only internal names reach a KDC and need SPNs. */
public enum NamespaceScope {
    INTERNAL("internal"), EXTERNAL("external"), BOTH("internal and external");

    private final String label;

    NamespaceScope(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isInternal() {
        return this != EXTERNAL;
    }
}
