package com.asaconsole.lab.cas;

import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;

import com.asaconsole.directory.ForestWrites;
import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.DirectoryGateway;
import com.asaconsole.directory.ForestDirectory;
import com.asaconsole.directory.PasswordGenerator;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.remoting.CasEndpoint;
import com.asaconsole.remoting.ExchangeVersion;

/**
 * Several CAS member SIMULATORs sharing one lab: each host name gets a computer account in the lab
 * directory holding {@code HTTP/<host>} (AES only) and its keytab, once per JVM; members can share
 * a host name on distinct ports (the benchmark's 100 members use cas1..cas8). Members find each
 * other by name for {@code CopyAsaCredential}.
 */
public final class SimulatedCasMembers implements AutoCloseable {

    private static final Map<String, Path> KEYTABS = new ConcurrentHashMap<>();

    private final SambaDc dc;
    private final List<String> namespaceSpns;
    private final List<CasMemberSimulator> members = new CopyOnWriteArrayList<>();
    private final List<String> asaDns = new CopyOnWriteArrayList<>();
    private ForestDirectory directory;
    private volatile SimulatedEstate estate;

    /** @param namespaceSpns the load-balanced SPNs the ASA holds, e.g. {@code http/mail.contoso.test} */
    public SimulatedCasMembers(SambaDc dc, List<String> namespaceSpns) {
        this.dc = dc;
        this.namespaceSpns = List.copyOf(namespaceSpns);
    }

    /** The organization every member reports to the console's discovery scripts, from now on. */
    public SimulatedCasMembers estate(SimulatedEstate estate) {
        this.estate = estate;
        members.forEach(m -> m.estate(estate));
        return this;
    }

    /** One member per server of the estate (its host name and Exchange version), all answering discovery from it. */
    public List<CasMemberSimulator> startEstate(SimulatedEstate estate) {
        estate(estate);
        return estate.servers().stream().map(s -> start(s.fqdn(), s.version())).toList();
    }

    /**
     * How the console reaches each running member, as {@code asa.remoting.endpoints} takes it: the
     * simulators listen on free ports, not on WinRM's 5986.
     */
    public java.util.Map<String, String> endpointsByHost() {
        java.util.Map<String, String> endpoints = new java.util.TreeMap<>();
        members.forEach(m -> endpoints.put(m.host(), "https://" + m.host() + ":" + m.port() + "/wsman"));
        return endpoints;
    }

    /** Starts a member on a free port with a certificate from the lab CA the console trusts. */
    public CasMemberSimulator start(String host, ExchangeVersion version) {
        return start(host, version, LabCertificates.get().memberTls());
    }

    /** Starts a member whose certificate is self-signed: the console must refuse to talk to it. */
    public CasMemberSimulator startWithUntrustedCertificate(String host, ExchangeVersion version) {
        return start(host, version, LabCertificates.get().rogueTls());
    }

    /** n members over the lab's host names cas1..cas8, round robin. */
    public List<CasMemberSimulator> start(int n, ExchangeVersion version) {
        List<CasMemberSimulator> started = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            started.add(start(LabCertificates.HOSTS.get(i % 8), version));
        }
        return started;
    }

    /**
     * Members under host names of their own, as many as a benchmark needs (the lab's certificate and
     * /etc/hosts know only cas1..cas8): each host gets a computer account {@code <FIRST LABEL>$} with
     * {@code HTTP/<host>}, AES only, whose password the lab sets, so its keytab is written from keys
     * derived here; one certificate from the lab CA names them all. The JVM must resolve the names
     * to 127.0.0.1 itself ({@code -Djdk.net.hosts.file}).
     */
    public List<CasMemberSimulator> startNamed(List<String> hosts, ExchangeVersion version) {
        long began = System.nanoTime();
        SSLContext tls = LabCertificates.get().memberTls(hosts);
        long certificate = System.nanoTime();
        // the accounts four at a time: each is a few LDAP writes, and Samba serves several connections at once
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Path>> registered = new ArrayList<>();
            for (String host : hosts) {
                registered.add(pool.submit(() -> KEYTABS.computeIfAbsent(host.toLowerCase(Locale.ROOT), this::registerNamedHost)));
            }
            for (java.util.concurrent.Future<Path> f : registered) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("registering the members' host names failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        long accounts = System.nanoTime();
        List<CasMemberSimulator> started = new ArrayList<>();
        for (String host : hosts) {
            started.add(start(host, version, tls));
        }
        System.out.printf("[lab] %d host names: certificate %d ms, computer accounts and keytabs %d ms, members started %d ms%n",
                hosts.size(), (certificate - began) / 1_000_000, (accounts - certificate) / 1_000_000,
                (System.nanoTime() - accounts) / 1_000_000);
        return started;
    }

    private Path registerNamedHost(String host) {
        String label = host.substring(0, host.indexOf('.')).toLowerCase(Locale.ROOT);
        char[] password = new PasswordGenerator().generate();
        AccountState account = ForestWrites.of(directory()).createComputerAccount("CN=Computers," + SambaDc.BASE_DN, label.toUpperCase(Locale.ROOT),
                AccountState.AES_ONLY, password);
        ForestWrites.of(directory()).addSpn(account.dn(), "HTTP/" + host);
        Integer read = directory().readAccount(account.dn()).keyVersion();
        int kvno = read == null ? 1 : read;
        // Active Directory's salt for a computer account: <REALM>host<name>.<dns domain>, what the JDK derives for host/<name>.<domain>
        javax.security.auth.kerberos.KerberosPrincipal salted = new javax.security.auth.kerberos.KerberosPrincipal(
                "host/" + label + "." + SambaDc.DNS_DOMAIN + "@" + SambaDc.REALM);
        javax.security.auth.kerberos.KerberosPrincipal service = new javax.security.auth.kerberos.KerberosPrincipal(
                "HTTP/" + host + "@" + SambaDc.REALM);
        List<javax.security.auth.kerberos.KerberosKey> keys = new ArrayList<>();
        for (String algorithm : List.of("AES256", "AES128")) {
            javax.security.auth.kerberos.KerberosKey derived = new javax.security.auth.kerberos.KerberosKey(salted, password, algorithm);
            keys.add(new javax.security.auth.kerberos.KerberosKey(service, derived.getEncoded(), derived.getKeyType(), kvno));
        }
        java.util.Arrays.fill(password, '\0');
        try {
            return LabKeytab.write(java.nio.file.Files.createTempFile(dc.dir(), "keytab-" + label, ""), keys);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private CasMemberSimulator start(String host, ExchangeVersion version, SSLContext tls) {
        Path keytab = KEYTABS.computeIfAbsent(host.toLowerCase(Locale.ROOT), this::registerHost);
        CasMemberSimulator member = new CasMemberSimulator(host, 0, version, keytab, namespaceSpns, SambaDc.REALM, SambaDc.DNS_DOMAIN,
                tls, this::find);
        member.estate(estate);
        members.add(member);
        return member;
    }

    public List<CasMemberSimulator> members() {
        return List.copyOf(members);
    }

    public List<CasEndpoint> endpoints() {
        return members.stream().map(CasMemberSimulator::endpoint).toList();
    }

    /** What the console must trust: the lab CA. */
    public KeyStore trustStore() {
        return LabCertificates.get().trustStore();
    }

    public SSLContext clientTls() {
        return LabCertificates.get().clientTls();
    }

    /**
     * The ASA as an admin would create it: a computer account, AES only, holding the namespace SPNs.
     * It is deleted by {@link #close()}, which frees the SPNs for later test classes.
     */
    public AccountState createAsa(String name, char[] password) {
        AccountState asa = ForestWrites.of(directory()).createComputerAccount("CN=Computers," + SambaDc.BASE_DN, name, AccountState.AES_ONLY, password);
        asaDns.add(asa.dn());
        namespaceSpns.forEach(spn -> ForestWrites.of(directory()).addSpn(asa.dn(), spn));
        return asa;
    }

    /** The lab directory through the console's own gateway. */
    public synchronized ForestDirectory directory() {
        if (directory == null) {
            directory = new DirectoryGateway().open(dc.directoryConnection());
        }
        return directory;
    }

    private CasMemberSimulator find(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return members.stream().filter(m -> m.host().equalsIgnoreCase(wanted) || m.host().startsWith(wanted + "."))
                .findFirst().orElse(null);
    }

    /** A computer account SIM<HOST>$ with HTTP/<host>, AES only, and the keytab the member accepts WinRM tickets with. */
    private Path registerHost(String host) {
        ForestDirectory directory = directory();
        String name = "SIM" + host.substring(0, host.indexOf('.')).toUpperCase(Locale.ROOT);
        AccountState account = directory.findAccount(name + "$").orElseGet(() -> ForestWrites.of(directory).createComputerAccount(
                "CN=Computers," + SambaDc.BASE_DN, name, AccountState.AES_ONLY, new PasswordGenerator().generate()));
        if (!directory.spnsOf(account.dn()).contains("HTTP/" + host)) {
            ForestWrites.of(directory).addSpn(account.dn(), "HTTP/" + host);
        }
        return dc.exportKeytab("HTTP/" + host + "@" + SambaDc.REALM);
    }

    @Override
    public void close() {
        members.forEach(CasMemberSimulator::close);
        members.clear();
        asaDns.forEach(dn -> ForestWrites.of(directory()).deleteAccount(dn));
        asaDns.clear();
    }
}
