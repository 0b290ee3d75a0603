package com.asaconsole.lab.cas;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.security.auth.kerberos.KerberosKey;
import javax.security.auth.kerberos.KerberosPrincipal;

/**
 * An ASA credential as a simulated CAS member holds it (Exchange keeps the password); its AES keys
 * are derived on first use with Active Directory's salt and re-wrapped for the namespace SPNs.
 * Computer account {@code DOMAIN\NAME$}: salt {@code <REALM>host<name lower case>.<dns domain>};
 * user account: {@code <REALM><sAMAccountName>}.
 */
final class SimulatedAsaCredential {

    final String account;
    final Instant added;
    private final char[] password;
    private List<KerberosKey> keys;

    SimulatedAsaCredential(String account, char[] password, Instant added) {
        this.account = account;
        this.password = password.clone();
        this.added = added;
    }

    SimulatedAsaCredential copy(Instant when) {
        return new SimulatedAsaCredential(account, password, when);
    }

    /** AES256 and AES128 keys for each SPN, as the KDC encrypts tickets for the ASA with them. */
    synchronized List<KerberosKey> keysFor(List<String> spns, String realm, String dnsDomain) {
        if (keys == null) {
            String name = account.substring(account.indexOf('\\') + 1);
            KerberosPrincipal salted = name.endsWith("$")
                    ? new KerberosPrincipal("host/" + name.substring(0, name.length() - 1).toLowerCase(Locale.ROOT) + "." + dnsDomain
                            + "@" + realm)
                    : new KerberosPrincipal(name + "@" + realm);
            List<KerberosKey> derived = List.of(new KerberosKey(salted, password, "AES256"), new KerberosKey(salted, password, "AES128"));
            keys = rewrap(derived, spns, realm);
        }
        return keys;
    }

    /** Keys a member without this ASA would try: its own machine account's, which never decrypt the ASA's tickets. */
    static List<KerberosKey> machineKeys(String member, List<String> spns, String realm) {
        char[] random = java.util.UUID.randomUUID().toString().toCharArray();
        KerberosPrincipal machine = new KerberosPrincipal("host/" + member + "@" + realm);
        return rewrap(List.of(new KerberosKey(machine, random, "AES256"), new KerberosKey(machine, random, "AES128")), spns, realm);
    }

    private static List<KerberosKey> rewrap(List<KerberosKey> derived, List<String> spns, String realm) {
        List<KerberosKey> out = new ArrayList<>();
        for (String spn : spns) {
            String service = spn.substring(0, spn.indexOf('/'));
            String host = spn.substring(spn.indexOf('/'));
            // clients ask for http/ or HTTP/ (Chromium): AD matches either, the JDK compares exactly
            for (String variant : List.of(service.toLowerCase(Locale.ROOT), service.toUpperCase(Locale.ROOT))) {
                for (KerberosKey key : derived) {
                    out.add(new KerberosKey(new KerberosPrincipal(variant + host + "@" + realm), key.getEncoded(), key.getKeyType(), 0));
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return account + " (added " + added + ", password not shown)";
    }
}
