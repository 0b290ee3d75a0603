package com.asaconsole.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real Samba Active Directory domain controller, provisioned into a temporary folder and
 * listening on loopback only: LDAP 389, LDAPS 636, Global Catalog 3268/3269, KDC 88.
 * One per test JVM (the ports are fixed), shared by every test; each test class isolates its
 * data in an OU or with names of its own.
 */
public final class SambaDc implements AutoCloseable {

    public static final String REALM = "CONTOSO.TEST";
    public static final String DNS_DOMAIN = "contoso.test";
    public static final String NETBIOS_DOMAIN = "CONTOSO";
    public static final String HOST = "dc1.contoso.test";
    public static final String BASE_DN = "DC=contoso,DC=test";

    private static final Path PID_FILE = Path.of(System.getProperty("java.io.tmpdir"), "asa-console-lab", "samba.pid");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final String adminPassword;
    private Process process;
    private final X509Certificate certificate;
    private final Path krb5Conf;

    private SambaDc(Path dir, String adminPassword, Process process, X509Certificate certificate, Path krb5Conf) {
        this.dir = dir;
        this.adminPassword = adminPassword;
        this.process = process;
        this.certificate = certificate;
        this.krb5Conf = krb5Conf;
    }

    public static SambaDc start() {
        LabProcess.require("samba-tool");
        Path samba = LabProcess.require("samba");
        if (!LabProcess.isRoot()) {
            throw new IllegalStateException("The Samba lab binds ports 88, 389 and 636 and must run as root. " + LabProcess.INSTALL_HINT);
        }
        requireLoopbackName(HOST);
        holdMachineLock();
        LabProcess.killStale(PID_FILE, "samba");
        for (int port : new int[] { 88, 389, 636, 3268, 3269 }) {
            if (LabProcess.portAnswers("127.0.0.1", port)) {
                throw new IllegalStateException("Port " + port + " on 127.0.0.1 is already in use; the Samba lab needs it. "
                        + "Stop the other Samba or directory server first (e.g. pkill samba).");
            }
        }
        long began = System.nanoTime();
        Path dir;
        try {
            dir = Files.createTempDirectory("asa-samba-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String password = generatePassword();
        LabProcess.run(Duration.ofMinutes(3), dir.resolve("provision.log"), "samba-tool", "domain", "provision",
                "--realm=" + REALM, "--domain=" + NETBIOS_DOMAIN, "--server-role=dc", "--dns-backend=NONE",
                "--adminpass=" + password, "--use-rfc2307", "--host-name=dc1", "--targetdir=" + dir,
                "--option=interfaces=lo", "--option=bind interfaces only=yes",
                "--option=log file=" + dir.resolve("log.%m"),
                // its pid file beside the rest of its state, not in /run/samba: a lab in another network namespace may run too
                "--option=pid directory=" + dir.resolve("run"),
                "--option=server services=ldap cldap kdc drepl kcc");
        Path log = dir.resolve("samba.log");
        // a session of its own: a terminal's Ctrl-C (the lab mode) reaches the JVM, which stops Samba and waits for it
        Process process = LabProcess.start(log, LabProcess.require("setsid").toString(), samba.toString(), "-s",
                dir.resolve("etc/smb.conf").toString(), "-i");
        LabProcess.writePid(PID_FILE, process);
        try {
            LabProcess.awaitPort("127.0.0.1", 636, READY_TIMEOUT, process, log);
            LabProcess.awaitPort("127.0.0.1", 88, READY_TIMEOUT, process, log);
            LabProcess.awaitPort("127.0.0.1", 3269, READY_TIMEOUT, process, log);
            X509Certificate certificate = readCertificate(dir.resolve("private/tls/ca.pem"));
            Path krb5Conf = writeKrb5Conf(dir);
            System.setProperty("java.security.krb5.conf", krb5Conf.toString());
            System.out.printf("[lab] Samba AD DC %s ready in %d ms (%s)%n", HOST,
                    Duration.ofNanos(System.nanoTime() - began).toMillis(), dir);
            return new SambaDc(dir, password, process, certificate, krb5Conf);
        } catch (RuntimeException e) {
            LabProcess.kill(process.toHandle());
            throw e;
        }
    }

    /** Samba's ports allow one lab per machine: a second test JVM (another checkout) waits here until the first ends. */
    private static java.nio.channels.FileChannel machineLock;

    private static synchronized void holdMachineLock() {
        Path lock = PID_FILE.resolveSibling("samba.lock");
        try {
            Files.createDirectories(lock.getParent());
            if (machineLock != null) {
                return;
            }
            java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lock,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
            if (channel.tryLock() == null) {
                System.out.println("[lab] another test run holds the Samba lab (" + lock + "); waiting for it to end");
                channel.lock();
            }
            machineLock = channel; // held, and kept reachable, until this JVM exits
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String ldapsUrl() {
        return "ldaps://" + HOST + ":636";
    }

    public String globalCatalogUrl() {
        return "ldaps://" + HOST + ":3269";
    }

    public String adminUpn() {
        return "Administrator@" + DNS_DOMAIN;
    }

    public String adminPrincipal() {
        return "Administrator@" + REALM;
    }

    /** The lab admin's password: pass it to the code under test, never print it. */
    public String adminPassword() {
        return adminPassword;
    }

    /** The DC's self-signed CA certificate: the one certificate a lab client should trust. */
    public X509Certificate certificate() {
        return certificate;
    }

    public Path caPem() {
        return dir.resolve("private/tls/ca.pem");
    }

    /** How the console's directory gateway reaches this DC, as an admin would configure it. */
    public com.asaconsole.directory.DirectoryConnection directoryConnection() {
        try {
            return new com.asaconsole.directory.DirectoryConnection(DNS_DOMAIN, ldapsUrl(), globalCatalogUrl(), BASE_DN,
                    adminUpn(), adminPassword.toCharArray(), Files.readString(caPem()), Duration.ofSeconds(5),
                    Duration.ofSeconds(60));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path krb5Conf() {
        return krb5Conf;
    }

    public Path dir() {
        return dir;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** TLS that trusts exactly this DC's certificate. */
    public SSLContext sslContext() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("lab-dc", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the lab's trust store", e);
        }
    }

    /** Stops the DC, keeping its data, as a DC that goes down mid-operation would. */
    public void stop() {
        LabProcess.kill(process.toHandle());
    }

    /** Starts the stopped DC again on the same data. */
    public void restart() {
        if (process.isAlive()) {
            return;
        }
        Path log = dir.resolve("samba.log");
        process = LabProcess.start(log, LabProcess.require("setsid").toString(), LabProcess.require("samba").toString(), "-s",
                dir.resolve("etc/smb.conf").toString(), "-i");
        LabProcess.writePid(PID_FILE, process);
        LabProcess.awaitPort("127.0.0.1", 636, READY_TIMEOUT, process, log);
        LabProcess.awaitPort("127.0.0.1", 88, READY_TIMEOUT, process, log);
        LabProcess.awaitPort("127.0.0.1", 3269, READY_TIMEOUT, process, log);
    }

    /**
     * Changes the directory's files directly while the DC is stopped, bypassing its checks: the
     * way a duplicate SPN that arrived by replication looks (DCs refuse duplicates only on
     * originating writes). {@code ldif} is applied with ldbmodify to the domain partition.
     */
    public void modifyOffline(String ldif) {
        stop();
        try {
            Path file = Files.writeString(dir.resolve("offline-" + System.nanoTime() + ".ldif"), ldif);
            LabProcess.run(Duration.ofMinutes(1), dir.resolve("ldbmodify.log"), LabProcess.require("ldbmodify").toString(),
                    "-H", "tdb://" + dir.resolve("private/sam.ldb.d/DC=CONTOSO,DC=TEST.ldb"), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            restart();
        }
    }

    /** An AD site (Active Directory Sites and Services), as a domain admin creates one for a new location. */
    public void createSite(String name) {
        LabProcess.run(Duration.ofMinutes(1), dir.resolve("sites.log"), "samba-tool", "sites", "create", name,
                "--configfile=" + dir.resolve("etc/smb.conf"));
    }

    /** Adds ACEs (SDDL) at the head of an object's DACL, as Delegate Control or the Security tab does. */
    public void addAces(String dn, String sddl) {
        LabProcess.run(Duration.ofMinutes(1), dir.resolve("dsacl.log"), "samba-tool", "dsacl", "set", "--objectdn=" + dn,
                "--sddl=" + sddl, "--configfile=" + dir.resolve("etc/smb.conf"));
    }

    /** An object's security descriptor as SDDL, as {@code samba-tool dsacl get} shows it. */
    public String aces(String dn) {
        Path log = dir.resolve("dsacl-get.log");
        LabProcess.run(Duration.ofMinutes(1), log, "samba-tool", "dsacl", "get", "--objectdn=" + dn,
                "--configfile=" + dir.resolve("etc/smb.conf"));
        try {
            return Files.readAllLines(log).stream().map(String::trim).filter(l -> l.startsWith("O:")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no SDDL for " + dn + " in " + LabProcess.tail(log)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Takes explicit ACEs off an object again (unticking "Protect object from accidental deletion"):
     * reads its descriptor as SDDL, drops each of {@code aces} from it and writes it back through
     * Samba's own modules (ldbmodify on sam.ldb, as the system).
     */
    public void removeAces(String dn, String... aces) {
        String sddl = aces(dn);
        try {
            for (String ace : aces) {
                if (!sddl.contains(ace)) {
                    throw new IllegalStateException(dn + " has no ACE " + ace + ": " + sddl);
                }
                sddl = sddl.replace(ace, "");
            }
            Path ldif = Files.writeString(dir.resolve("sd-" + System.nanoTime() + ".ldif"), "dn: " + dn + "\nchangetype: modify\n"
                    + "replace: nTSecurityDescriptor\nnTSecurityDescriptor: " + sddl + "\n");
            LabProcess.run(Duration.ofMinutes(1), dir.resolve("ldbmodify-sd.log"), LabProcess.require("ldbmodify").toString(),
                    "-H", dir.resolve("private/sam.ldb").toString(), ldif.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exports the keys of a principal (e.g. the console's HTTP/ SPN) into a new keytab file. */
    public Path exportKeytab(String principal) {
        Path keytab = dir.resolve("keytab-" + System.nanoTime());
        LabProcess.run(Duration.ofMinutes(1), dir.resolve("exportkeytab.log"), "samba-tool", "domain", "exportkeytab",
                keytab.toString(), "--principal=" + principal, "--configfile=" + dir.resolve("etc/smb.conf"));
        return keytab;
    }

    /** Signs a user in with kinit and returns their ticket cache (what a domain-joined workstation would hold). */
    public Path kinit(String principal, String password) {
        Path ccache = dir.resolve("ccache-" + System.nanoTime());
        try {
            ProcessBuilder pb = new ProcessBuilder(LabProcess.require("kinit").toString(), "-c", "FILE:" + ccache, principal)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("kinit.log").toFile());
            pb.environment().put("KRB5_CONFIG", krb5Conf.toString());
            Process p = pb.start();
            try (var in = p.getOutputStream()) {
                in.write((password + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("kinit " + principal + " failed: " + LabProcess.tail(dir.resolve("kinit.log")));
            }
            return ccache;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        LabProcess.kill(process.toHandle());
        try {
            Files.deleteIfExists(PID_FILE);
        } catch (IOException e) {
            // left for the next run's stale check
        }
        LabProcess.deleteTree(dir);
        // on Ctrl-C Samba gets the signal too and its workers may still be ending (writing msg.lock) after the folder went
        for (int i = 0; i < 20 && Files.exists(dir); i++) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            LabProcess.deleteTree(dir);
        }
        System.out.println("[lab] Samba AD DC stopped");
    }

    private static void requireLoopbackName(String host) {
        try {
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                throw new IllegalStateException(host + " must resolve to 127.0.0.1. " + LabProcess.INSTALL_HINT);
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(host + " does not resolve; it must resolve to 127.0.0.1. " + LabProcess.INSTALL_HINT);
        }
    }

    private static X509Certificate readCertificate(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the DC certificate " + pem, e);
        }
    }

    private static Path writeKrb5Conf(Path dir) {
        String conf = """
                [libdefaults]
                    default_realm = %1$s
                    dns_lookup_kdc = false
                    dns_lookup_realm = false
                    rdns = false
                    udp_preference_limit = 1
                    default_ccache_name = FILE:%2$s/krb5cc

                [realms]
                    %1$s = {
                        kdc = 127.0.0.1
                        admin_server = 127.0.0.1
                    }

                [domain_realm]
                    .%3$s = %1$s
                    %3$s = %1$s
                """.formatted(REALM, dir, DNS_DOMAIN);
        try {
            return Files.writeString(dir.resolve("krb5.conf"), conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String generatePassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder("Lab-");
        for (int i = 0; i < 16; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.append("9!").toString();
    }
}
