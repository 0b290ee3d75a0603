package com.asaconsole.topology;

/** What the pages and the API accept for an ASA account definition; never bound to an entity. */
record AsaForm(Long forestId, String samAccountName, AsaKind kind, String ou, Integer encryptionTypes,
        Boolean passwordNeverExpires, Integer rotationDays, Integer version) {

    boolean neverExpires() {
        return Boolean.TRUE.equals(passwordNeverExpires);
    }

    static AsaForm empty() {
        return new AsaForm(null, "", AsaKind.COMPUTER, "", 24, true, 21, null);
    }

    static AsaForm from(AsaAccount a) {
        return new AsaForm(a.forestId(), a.samAccountName(), a.kind(), a.ou(), a.encryptionTypes(),
                a.passwordNeverExpires(), a.rotationDays(), a.version());
    }
}
