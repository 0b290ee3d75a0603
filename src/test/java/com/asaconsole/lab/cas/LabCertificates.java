package com.asaconsole.lab.cas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;


/**
 * A test CA and the TLS certificates of the simulated CAS members, made once per JVM with the
 * JDK's keytool: one member certificate naming every lab host (cas1..cas8, mail), issued by the
 * CA the console is told to trust, and a self-signed "rogue" certificate with the same names that
 * it must refuse.
 */
public final class LabCertificates {

    static final List<String> HOSTS = List.of("cas1.contoso.test", "cas2.contoso.test", "cas3.contoso.test", "cas4.contoso.test",
            "cas5.contoso.test", "cas6.contoso.test", "cas7.contoso.test", "cas8.contoso.test", "mail.contoso.test");
    private static final char[] PASSWORD = "lab-simulator".toCharArray();
    private static LabCertificates instance;

    private final Path dir;

    private LabCertificates(Path dir) {
        this.dir = dir;
    }

    public static synchronized LabCertificates get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("asa-cas-simulator-tls");
                make(dir);
                instance = new LabCertificates(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** The lab CA as a PKCS#12 trust store file, for {@code asa.remoting.trust-store}; its password is "lab". */
    public synchronized Path trustStoreFile() {
        Path file = dir.resolve("console-trust.p12");
        if (!Files.exists(file)) {
            try (var out = Files.newOutputStream(file)) {
                trustStore().store(out, "lab".toCharArray());
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return file;
    }

    /** Removes the lab CA's files (the lab mode, when it stops); the next {@link #get()} makes new ones. */
    public static synchronized void discard() {
        if (instance != null) {
            try (var files = Files.walk(instance.dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a temporary folder: left for the system's clean-up
            }
            instance = null;
        }
    }

    /** What the console trusts: the lab CA only. */
    public KeyStore trustStore() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("lab-ca", load("ca.p12").getCertificate("ca"));
            return trust;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** TLS server context with the member certificate issued by the lab CA. */
    SSLContext memberTls() {
        return serverContext("member.p12");
    }

    /**
     * TLS server context with a certificate from the lab CA for these host names (beyond the lab's
     * cas1..cas8: a benchmark's hundred members), made on first use.
     */
    public synchronized SSLContext memberTls(List<String> hosts) {
        String file = "member-" + Integer.toHexString(hosts.hashCode()) + ".p12";
        if (!Files.exists(dir.resolve(file))) {
            String alias = "member";
            String san = "SAN=" + String.join(",", hosts.stream().map(h -> "dns:" + h).toList());
            String csr = file + ".csr";
            String pem = file + ".pem";
            keytool(dir, "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                    "-dname", "CN=" + hosts.get(0), "-keystore", file);
            keytool(dir, "-certreq", "-alias", alias, "-keystore", file, "-file", csr);
            keytool(dir, "-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", csr, "-outfile", pem, "-rfc",
                    "-validity", "30", "-ext", san, "-ext", "EKU=serverAuth");
            keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-keystore", file, "-file", "ca.pem");
            keytool(dir, "-importcert", "-alias", alias, "-keystore", file, "-file", pem);
        }
        return serverContext(file);
    }

    /** TLS server context with a self-signed certificate for the same names: nobody should trust it. */
    SSLContext rogueTls() {
        return serverContext("rogue.p12");
    }

    /** A PKCS#12 key store with a server certificate for the lab host names (mail.contoso.test …), issued by the lab CA. */
    public Path serverKeyStore() {
        return dir.resolve("member.p12");
    }

    /** The password of {@link #serverKeyStore()} (and of its key). */
    public String serverKeyStorePassword() {
        return new String(PASSWORD);
    }

    /** A self-signed server context for lab host names that nothing trusts unless told to: a listener posing as a server. */
    public SSLContext rogueServerTls() {
        return rogueTls();
    }

    /** The rogue certificate as PEM, what someone posing as a server would paste. */
    public Path roguePem() {
        return dir.resolve("rogue.pem");
    }

    /** TLS client context trusting the lab CA, for probes and cross-checks. */
    public SSLContext clientTls() {
        try {
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory
                    .getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private SSLContext serverContext(String file) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(file), PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyStore load(String file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static void make(Path dir) throws IOException {
        String san = "SAN=" + String.join(",", HOSTS.stream().map(h -> "dns:" + h).toList());
        keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                "-dname", "CN=ASA Console lab CA (CAS simulator)", "-ext", "bc:c", "-keystore", "ca.p12");
        keytool(dir, "-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
        keytool(dir, "-genkeypair", "-alias", "member", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                "-dname", "CN=cas1.contoso.test", "-keystore", "member.p12");
        keytool(dir, "-certreq", "-alias", "member", "-keystore", "member.p12", "-file", "member.csr");
        keytool(dir, "-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "member.csr", "-outfile", "member.pem", "-rfc",
                "-validity", "30", "-ext", san, "-ext", "EKU=serverAuth");
        keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-keystore", "member.p12", "-file", "ca.pem");
        keytool(dir, "-importcert", "-alias", "member", "-keystore", "member.p12", "-file", "member.pem");
        keytool(dir, "-genkeypair", "-alias", "rogue", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                "-dname", "CN=cas1.contoso.test", "-ext", san, "-keystore", "rogue.p12");
        keytool(dir, "-exportcert", "-rfc", "-alias", "rogue", "-keystore", "rogue.p12", "-file", "rogue.pem");
    }

    private static void keytool(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(Duration.ofMinutes(1).toSeconds(), java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
