package com.asaconsole.lab.cas;

import com.asaconsole.lab.SambaLab;

import org.springframework.test.context.DynamicPropertyRegistry;

/** The console's WinRM settings for talking to CAS member SIMULATORs: the lab DC's admin over Kerberos, the lab CA trusted. */
public final class LabWinRm {

    private LabWinRm() {
    }

    /** Registers {@code asa.remoting.*} for the lab; a test adds the endpoints of the members it starts. */
    public static void settings(DynamicPropertyRegistry registry) {
        registry.add("asa.remoting.principal", () -> SambaLab.dc().adminPrincipal());
        registry.add("asa.remoting.password", () -> SambaLab.dc().adminPassword());
        registry.add("asa.remoting.trust-store", () -> LabCertificates.get().trustStoreFile().toString());
        registry.add("asa.remoting.trust-store-password", () -> "lab");
        registry.add("asa.remoting.timeout", () -> "20s");
    }

    /**
     * {@link #settings} for tests whose topology names each SIMULATOR's WinRM endpoint: a short connect
     * timeout (a member taken down answers at once) and the SIMULATORs' SPNEGO probe URL.
     */
    public static void register(DynamicPropertyRegistry registry) {
        settings(registry);
        registry.add("asa.remoting.connect-timeout", () -> "2s");
        registry.add("asa.remoting.probe-url", () -> "https://{host}:{winrm-port}/ews/exchange.asmx");
    }
}
