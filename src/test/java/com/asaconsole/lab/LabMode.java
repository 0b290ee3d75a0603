package com.asaconsole.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.lab.cas.CasMemberSimulator;
import com.asaconsole.lab.cas.LabCertificates;
import com.asaconsole.lab.cas.SimulatedCasMembers;
import com.asaconsole.lab.cas.SimulatedEstate;

/**
 * The whole console on one machine, for an evaluator (docs/lab.md): a freshly provisioned Samba AD
 * DC on loopback with the lab's AD sites and people (an admin, a reviewer and a helpdesk user in AD
 * groups mapped to the roles, passwords printed once), the console's Kerberos service account for
 * single sign-on, and a CAS member SIMULATOR for each server of {@link SimulatedEstate#lab()} (an
 * Exchange 2010 site with an RPC array, a 2016 site, a 2019 DR site). {@link #consoleProperties()} wires
 * the console to all of it; {@link #close()} stops everything it started. Test code only: nothing of
 * it is in the console's jar.
 */
public final class LabMode implements AutoCloseable {

    /** The line the instructions start with, once the console answers. */
    public static final String READY = "ASA Console lab is ready";
    public static final String CONSOLE_HOST = "console.contoso.test";
    public static final String CONSOLE_SPN = "HTTP/" + CONSOLE_HOST;

    /** A lab person: an AD user in the group that maps to one console role. */
    public record Person(String user, String role, String group, String password) {
    }

    private static volatile LabMode current;

    private final SambaDc dc;
    private final Path dir;
    private final SimulatedEstate estate;
    private final SimulatedCasMembers members;
    private final Path consoleKeytab;
    private final List<Person> people;
    private boolean closed;

    private LabMode(SambaDc dc, Path dir, SimulatedEstate estate, SimulatedCasMembers members, Path consoleKeytab, List<Person> people) {
        this.dc = dc;
        this.dir = dir;
        this.estate = estate;
        this.members = members;
        this.consoleKeytab = consoleKeytab;
        this.people = List.copyOf(people);
    }

    /** The running lab of this JVM, for the console's lab beans. */
    public static LabMode current() {
        if (current == null) {
            throw new IllegalStateException("No lab started in this JVM: run it with ./mvnw spring-boot:test-run (docs/lab.md)");
        }
        return current;
    }

    /**
     * Checks the machine (the lab's Debian packages and host names, installed when run as root), then
     * provisions and starts everything; whatever started is stopped again if a later part fails.
     */
    public static synchronized LabMode start() {
        ensureMachine();
        SambaDc dc = SambaDc.start();
        SambaLab.use(dc);
        SimulatedCasMembers members = null;
        Path dir = null;
        try {
            dir = Files.createTempDirectory("asa-lab-");
            for (String site : List.of(SimulatedEstate.LEGACY, SimulatedEstate.PRIMARY, SimulatedEstate.RECOVERY)) {
                dc.createSite(site);
            }
            LabPeople directory = new LabPeople(dc);
            List<Person> people = new ArrayList<>();
            for (String[] p : new String[][] { { "lab-admin", "Exchange admin", "ASA-Lab-Admins" },
                    { "lab-reviewer", "Change reviewer", "ASA-Lab-Reviewers" }, { "lab-helpdesk", "Helpdesk", "ASA-Lab-Helpdesk" } }) {
                String password = password();
                String dn = directory.user(p[0], "Lab " + p[1], password);
                directory.group(p[2], List.of(dn));
                people.add(new Person(p[0], p[1], p[2], password));
            }
            directory.serviceAccount("asaconsole-http", CONSOLE_SPN, password());
            Path keytab = dc.exportKeytab(CONSOLE_SPN + "@" + SambaDc.REALM);
            SimulatedEstate estate = SimulatedEstate.lab();
            members = new SimulatedCasMembers(dc, estate.namespaceSpns());
            members.startEstate(estate);
            current = new LabMode(dc, dir, estate, members, keytab, people);
            return current;
        } catch (IOException e) {
            stopQuietly(members, dc);
            LabProcess.deleteTree(dir);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            stopQuietly(members, dc);
            LabProcess.deleteTree(dir);
            throw e;
        }
    }

    /** The console's settings for this lab: directory sign-in and SSO, WinRM to the simulators, an in-memory database. */
    public Map<String, String> consoleProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", "jdbc:h2:mem:asa-lab;DB_CLOSE_DELAY=-1");
        p.put("logging.file.name", dir.resolve("logs/asa-console.json").toString());
        p.put("asa.secrets.key", Base64.getEncoder().encodeToString(random(32)));
        p.put("asa.audit.checkpoint-key", Base64.getEncoder().encodeToString(random(32)));
        p.put("asa.identity.directory.forest", SambaDc.DNS_DOMAIN);
        p.put("asa.identity.directory.role-groups.ADMIN[0]", "ASA-Lab-Admins");
        p.put("asa.identity.directory.role-groups.APPROVER[0]", "ASA-Lab-Reviewers");
        p.put("asa.identity.directory.role-groups.HELPDESK[0]", "ASA-Lab-Helpdesk");
        p.put("asa.identity.directory.kerberos-service-principal", CONSOLE_SPN + "@" + SambaDc.REALM);
        p.put("asa.identity.directory.kerberos-keytab", consoleKeytab.toString());
        p.put("asa.remoting.principal", dc.adminPrincipal());
        p.put("asa.remoting.password", dc.adminPassword());
        p.put("asa.remoting.trust-store", LabCertificates.get().trustStoreFile().toString());
        p.put("asa.remoting.trust-store-password", "lab");
        p.put("asa.remoting.connect-timeout", "3s");
        p.put("asa.remoting.timeout", "60s");
        // the simulators serve WinRM and the namespace endpoint on one port each
        p.put("asa.remoting.probe-url", "https://{host}:{winrm-port}/ews/exchange.asmx");
        members.endpointsByHost().forEach((host, endpoint) -> p.put("asa.remoting.endpoints[" + host + "]", endpoint));
        return p;
    }

    /** Stores the lab DC as the console's directory connection (bind and KDC probe: the DC's administrator). */
    public void connect(DirectorySettings settings) {
        LabDirectory.connect(settings, dc);
    }

    /** The host names of the CAS member SIMULATORs, which every page names as such. */
    public Set<String> simulatedHosts() {
        Set<String> hosts = new TreeSet<>();
        members.members().forEach(m -> hosts.add(m.host()));
        return hosts;
    }

    public List<Person> people() {
        return people;
    }

    /** What the evaluator reads once the console answers: where, who (passwords shown this once), single sign-on, the simulators. */
    public String instructions(int port) {
        String console = "http://" + CONSOLE_HOST + ":" + port + "/";
        StringBuilder sb = new StringBuilder();
        sb.append("\n======== ").append(READY).append(" ========\n");
        sb.append("Console: ").append(console).append("  (also http://localhost:").append(port).append("/)\n");
        sb.append("Lab people in Active Directory ").append(SambaDc.DNS_DOMAIN).append(" (passwords are shown only here):\n");
        for (Person p : people) {
            sb.append(String.format("  %-13s %-16s group %-18s password: %s%n", p.user(), p.role(), p.group(), p.password()));
        }
        sb.append("Sign in with the form (e.g. lab-admin@").append(SambaDc.DNS_DOMAIN).append("), or by Kerberos single sign-on:\n");
        sb.append("  export KRB5_CONFIG=").append(dc.krb5Conf()).append('\n');
        sb.append("  kinit lab-admin@").append(SambaDc.REALM).append('\n');
        sb.append("  chromium --auth-server-allowlist='*.contoso.test' ").append(console).append('\n');
        sb.append("Exchange: CAS member SIMULATORs, not Exchange servers (WinRM with Kerberos, the ASA keys they are given):\n");
        for (CasMemberSimulator m : members.members()) {
            SimulatedEstate.Server s = estate.servers().stream().filter(x -> x.fqdn().equals(m.host())).findFirst().orElseThrow();
            sb.append(String.format("  SIMULATOR %-18s Exchange %-5s site %-9s https://%s:%d/wsman%n", m.host(), m.version().label(),
                    s.site(), m.host(), m.port()));
        }
        sb.append("The road: docs/lab.md. Stop with Ctrl-C: the console, the Samba DC and the simulators stop together.\n");
        sb.append("=".repeat(READY.length() + 18)).append('\n');
        return sb.toString();
    }

    /** Stops the simulators and the DC and removes the lab's files; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly(members, dc);
        LabCertificates.discard();
        LabProcess.deleteTree(dir);
        System.out.println("[lab] stopped: console lab, Samba AD DC and CAS member SIMULATORs");
    }

    private static void stopQuietly(SimulatedCasMembers members, SambaDc dc) {
        try {
            if (members != null) {
                members.close();
            }
        } catch (RuntimeException e) {
            System.out.println("[lab] stopping the simulators: " + e.getMessage());
        } finally {
            dc.close();
        }
    }

    /** The lab's Debian packages and host names: installed as root by the same script the test command runs. */
    private static void ensureMachine() {
        Path script = Path.of("src/test/lab/ensure-packages.sh");
        if (!Files.exists(script)) {
            throw new IllegalStateException("Start the lab from the project's folder (" + script + " is not here): ./mvnw spring-boot:test-run");
        }
        try {
            Process p = new ProcessBuilder("bash", script.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("The lab's Debian packages or host names are missing; the command above installs them.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String password() {
        return SambaDc.generatePassword();
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
