package com.asaconsole.lab.cas;

import com.asaconsole.lab.SambaLab;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The console's {@code asa.remoting.*} settings for reaching the CAS member SIMULATORs: the lab admin
 * as Kerberos principal, the lab CA as the only trusted issuer, short timeouts, the SIMULATORs' probe URL.
 */
public final class LabWinRm {

    private LabWinRm() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("asa.remoting.principal", () -> SambaLab.dc().adminPrincipal());
        registry.add("asa.remoting.password", () -> SambaLab.dc().adminPassword());
        registry.add("asa.remoting.trust-store", () -> LabCertificates.get().trustStoreFile().toString());
        registry.add("asa.remoting.trust-store-password", () -> "lab");
        registry.add("asa.remoting.connect-timeout", () -> "2s");
        registry.add("asa.remoting.timeout", () -> "20s");
        registry.add("asa.remoting.probe-url", () -> "https://{host}:{winrm-port}/ews/exchange.asmx");
    }
}
