package com.asaconsole.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;

import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.support.LdapUtils;

/**
 * One forest's two LDAPS connections, a domain controller and the Global Catalog, and what every read and
 * write on them shares: the failure as a {@link DirectoryException} sentence, the {@code asa.ldap.operations}
 * timer, and reading plain values from attributes.
 */
final class ForestLdap {

    private final DirectoryConnection connection;
    private final LdapTemplate dc;
    private final LdapTemplate gc;
    private final io.micrometer.core.instrument.MeterRegistry metrics;

    ForestLdap(DirectoryConnection connection, io.micrometer.core.instrument.MeterRegistry metrics) {
        this.connection = connection;
        this.metrics = metrics;
        this.dc = template(new TrustedContextSource(connection, connection.ldapsUrl(), ""));
        this.gc = template(new TrustedContextSource(connection, connection.globalCatalogUrl(), ""));
    }

    DirectoryConnection connection() {
        return connection;
    }

    LdapTemplate dc() {
        return dc;
    }

    LdapTemplate gc() {
        return gc;
    }

    <T> T onDc(String doing, Supplier<T> call) {
        return run("dc", connection.dcAddress(), doing.split(" ", 2)[0], doing, call);
    }

    <T> T onGc(String doing, Supplier<T> call) {
        return run("gc", connection.gcAddress(), doing.split(" ", 2)[0], doing, call);
    }

    /** {@code operation}: what kind of operation, from the code (never a DN or a name), so that the metric's tags stay bounded. */
    <T> T run(String server, String address, String operation, String doing, Supplier<T> call) {
        long began = System.nanoTime();
        String outcome = "failure";
        try {
            T result = call.get();
            outcome = "success";
            return result;
        } catch (DirectoryException | ScanCancelled e) {
            throw e;
        } catch (org.springframework.ldap.NamingException | IllegalArgumentException e) {
            throw DirectoryErrors.explain(e, address, doing);
        } finally {
            timed(server, operation, outcome, began);
        }
    }

    void timed(String server, String operation, String outcome, long began) {
        io.micrometer.core.instrument.Timer.builder("asa.ldap.operations").description("LDAP operations by server, kind and outcome")
                .tag("server", server).tag("operation", operation).tag("outcome", outcome).register(metrics)
                .record(System.nanoTime() - began, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    static byte[] binary(Attributes a, String id) {
        try {
            Attribute attr = a.get(id);
            return attr == null ? null : (byte[]) attr.get();
        } catch (NamingException e) {
            throw LdapUtils.convertLdapException(e);
        }
    }

    static String string(Attributes a, String id) {
        try {
            Attribute attr = a.get(id);
            return attr == null || attr.get() == null ? null : attr.get().toString();
        } catch (NamingException e) {
            throw LdapUtils.convertLdapException(e);
        }
    }

    static int integer(Attributes a, String id, int fallback) {
        String s = string(a, id);
        return s == null ? fallback : Integer.parseInt(s.trim());
    }

    static List<String> values(Attributes a, String id) {
        Attribute attr = a.get(id);
        List<String> list = new ArrayList<>();
        if (attr != null) {
            try {
                NamingEnumeration<?> e = attr.getAll();
                while (e.hasMore()) {
                    list.add(e.next().toString());
                }
            } catch (NamingException e) {
                throw LdapUtils.convertLdapException(e);
            }
        }
        return list;
    }

    private static LdapTemplate template(TrustedContextSource source) {
        LdapTemplate template = new LdapTemplate(source);
        template.setIgnorePartialResultException(true);
        return template;
    }
}
