package com.asaconsole.directory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.asaconsole.secrets.SecretId;
import com.asaconsole.secrets.SecretNotForHere;
import com.asaconsole.secrets.SecretStore;
import com.asaconsole.formats.Sha256;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stored connection of each forest; its passwords go to the secret store and never come back
 * out to a page. Each password is stored for exactly the endpoint it was entered for (the forest,
 * both URLs, the trusted certificate and the account: {@link #bindPurpose}): changing any of them
 * needs the password again, and a password is revealed only for the endpoint it was stored for,
 * so a test or probe never sends it anywhere else, even after the row was changed behind the
 * console's back.
 */
@Service
public class DirectorySettings {

    private final JdbcClient jdbc;
    private final SecretStore secrets;
    private final org.springframework.context.ApplicationEventPublisher events;

    DirectorySettings(JdbcClient jdbc, SecretStore secrets, org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.events = events;
    }

    /** A forest's identity for the helpdesk's KDC check; clear the password after use. */
    public record ProbeIdentity(String principal, char[] password) {

        @Override
        public String toString() {
            return "ProbeIdentity[principal=" + principal + ", password=****]";
        }
    }

    /**
     * Every forest's connection (no secrets). Asked on several pages per request-heavy view (the SPN status page, the
     * dashboard), so the list read is reused for {@link #ALL_REUSE}: a connection saved on this node shows at once,
     * one saved on another node within that second.
     */
    public List<ForestSettings> all() {
        Listed known = listed;
        long now = System.nanoTime();
        if (known != null && now - known.at() < ALL_REUSE.toNanos()) {
            return known.forests();
        }
        List<ForestSettings> forests = List.copyOf(jdbc.sql(SELECT + " ORDER BY forest").query(DirectorySettings::row).list());
        listed = new Listed(forests, now);
        return forests;
    }

    static final java.time.Duration ALL_REUSE = java.time.Duration.ofSeconds(1);

    private record Listed(List<ForestSettings> forests, long at) {
    }

    private volatile Listed listed;

    public Optional<ForestSettings> find(String forest) {
        return jdbc.sql(SELECT + " WHERE forest = :forest").param("forest", forest).query(DirectorySettings::row).optional();
    }

    /**
     * Creates or updates a forest's connection. A blank password on update keeps the stored one.
     * {@code expectedVersion} null means "create"; otherwise it must match (optimistic locking).
     */
    @Transactional
    public void save(ForestSettings settings, char[] bindPassword, char[] probePassword, Integer expectedVersion) {
        try {
            if (expectedVersion == null) {
                if (find(settings.forest()).isPresent()) {
                    throw new DirectoryException("A connection for forest " + settings.forest() + " exists already; edit it instead.");
                }
                if (blank(bindPassword)) {
                    throw new DirectoryException("Enter the bind account's password.");
                }
                SecretId bind = secrets.put(bindPurpose(settings), bindPassword);
                SecretId probe = blank(probePassword) ? null : secrets.put(probePurpose(settings), probePassword);
                jdbc.sql("INSERT INTO directory_connection (forest, ldaps_url, global_catalog_url, base_dn, bind_principal, "
                        + "bind_secret_id, trusted_certificate_pem, probe_principal, probe_secret_id, version) VALUES (:forest, "
                        + ":ldaps, :gc, :base, :bind, :bindSecret, :pem, :probe, :probeSecret, 0)")
                        .params(params(settings)).param("bindSecret", bind.value())
                        .param("probeSecret", probe == null ? null : probe.value()).update();
                saved(settings, true, true, probe != null);
                return;
            }
            Ids ids = jdbc.sql("SELECT bind_secret_id, probe_secret_id FROM directory_connection WHERE forest = :forest")
                    .param("forest", settings.forest())
                    .query((rs, n) -> new Ids(rs.getLong(1), (Long) rs.getObject(2, Long.class))).optional()
                    .orElseThrow(() -> new DirectoryException("Forest " + settings.forest() + " has no connection any more."));
            ForestSettings stored = find(settings.forest()).orElseThrow();
            if (blank(bindPassword) && !bindPurpose(stored).equals(bindPurpose(settings))) {
                throw new PasswordNeeded("bindPassword", "The address, certificate or bind account changed: enter the bind "
                        + "account's password again. A stored password is only ever sent to the endpoint it was entered for.");
            }
            if (blank(probePassword) && ids.probe() != null && !probePurpose(stored).equals(probePurpose(settings))) {
                throw new PasswordNeeded("probePassword", "The probe identity changed: enter its password again, or clear the "
                        + "probe identity.");
            }
            int updated = jdbc.sql("UPDATE directory_connection SET ldaps_url = :ldaps, global_catalog_url = :gc, base_dn = :base, "
                    + "bind_principal = :bind, trusted_certificate_pem = :pem, probe_principal = :probe, version = version + 1 "
                    + "WHERE forest = :forest AND version = :version").params(params(settings))
                    .param("version", expectedVersion).update();
            if (updated != 1) {
                throw new OptimisticLockingFailureException("changed meanwhile");
            }
            if (!blank(bindPassword)) {
                secrets.replace(new SecretId(ids.bind()), bindPurpose(settings), bindPassword);
            }
            if (!blank(probePassword)) {
                if (ids.probe() == null) {
                    SecretId probe = secrets.put(probePurpose(settings), probePassword);
                    jdbc.sql("UPDATE directory_connection SET probe_secret_id = :id WHERE forest = :forest")
                            .param("id", probe.value()).param("forest", settings.forest()).update();
                } else {
                    secrets.replace(new SecretId(ids.probe()), probePurpose(settings), probePassword);
                }
            }
            saved(settings, false, !blank(bindPassword), !blank(probePassword));
        } finally {
            wipe(bindPassword);
            wipe(probePassword);
        }
    }

    /** Recorded in the saving transaction: which settings, whether passwords were replaced (never their values). */
    private void saved(ForestSettings s, boolean created, boolean bindPasswordSet, boolean probePasswordSet) {
        listed = null;
        events.publishEvent(new DirectoryActivity("directory.saved", s.forest(), true, Map.of(
                "created", Boolean.toString(created),
                "after", "DC " + s.ldapsUrl() + ", GC " + s.globalCatalogUrl() + ", base " + s.baseDn() + ", bind account "
                        + s.bindPrincipal() + (s.probePrincipal() == null || s.probePrincipal().isBlank() ? "" : ", KDC probe " + s.probePrincipal()),
                // the key must not name a secret, or the trail masks the value (which is only which ones were replaced)
                "replaced", bindPasswordSet && probePasswordSet ? "the bind and the probe password" : bindPasswordSet ? "the bind password"
                        : probePasswordSet ? "the probe password" : "no password")));
    }

    /** The full connection, with the bind password, for the one operation that needs it. */
    public DirectoryConnection connection(String forest) {
        ForestSettings s = find(forest).orElseThrow(() -> new DirectoryException(
                "No directory connection is configured for forest " + forest + ". An admin adds it under Directory."));
        long bindId = jdbc.sql("SELECT bind_secret_id FROM directory_connection WHERE forest = :forest").param("forest", forest)
                .query(Long.class).single();
        return new DirectoryConnection(s.forest(), s.ldapsUrl(), s.globalCatalogUrl(), s.baseDn(), s.bindPrincipal(),
                reveal(new SecretId(bindId), bindPurpose(s), "directory bind " + forest), s.trustedCertificatePem(), null, null);
    }

    public Optional<ProbeIdentity> probe(String forest) {
        return find(forest).flatMap(s -> jdbc.sql("SELECT probe_secret_id FROM directory_connection WHERE forest = :forest "
                + "AND probe_secret_id IS NOT NULL").param("forest", forest).query(Long.class).optional()
                .map(id -> new ProbeIdentity(s.probePrincipal(), reveal(new SecretId(id), probePurpose(s), "kdc probe " + forest))));
    }

    /**
     * The stored password, only for the endpoint it was entered for. Rows stored before passwords
     * were bound to their endpoint carry the old purpose ({@code legacy}); they are accepted until
     * the connection is next saved with its password.
     */
    private char[] reveal(SecretId id, String purpose, String legacy) {
        try {
            return secrets.reveal(id, purpose);
        } catch (SecretNotForHere e) {
            if (secrets.purposeOf(id).equals(legacy)) {
                return secrets.reveal(id, legacy);
            }
            throw new DirectoryException("The stored password of this connection was entered for another address, certificate or "
                    + "account, so it is not sent to this one. An admin enters the password again under Directory.");
        }
    }

    /** What a bind password is stored for: the forest, where it is sent, whom it proves and which certificate is trusted. */
    static String bindPurpose(ForestSettings s) {
        return "directory bind @" + sha256(s.forest() + "\n" + s.ldapsUrl() + "\n" + s.globalCatalogUrl() + "\n"
                + s.trustedCertificatePem() + "\n" + s.bindPrincipal());
    }

    /** What a probe password is stored for: the forest and the principal it signs in as at the KDC. */
    static String probePurpose(ForestSettings s) {
        return "kdc probe @" + sha256(s.forest() + "\n" + (s.probePrincipal() == null ? "" : s.probePrincipal()));
    }

    private static String sha256(String text) {
        return Sha256.hex(text);
    }

    /** A password must be entered again (its field), because what it would be sent to changed. */
    public static class PasswordNeeded extends DirectoryException {

        private final String field;

        PasswordNeeded(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private static java.util.Map<String, Object> params(ForestSettings s) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put("forest", s.forest());
        p.put("ldaps", s.ldapsUrl());
        p.put("gc", s.globalCatalogUrl());
        p.put("base", s.baseDn());
        p.put("bind", s.bindPrincipal());
        p.put("pem", s.trustedCertificatePem());
        p.put("probe", s.probePrincipal() == null || s.probePrincipal().isBlank() ? null : s.probePrincipal());
        return p;
    }

    private static final String SELECT = "SELECT forest, ldaps_url, global_catalog_url, base_dn, bind_principal, "
            + "trusted_certificate_pem, probe_principal, version FROM directory_connection";

    private static ForestSettings row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new ForestSettings(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getInt(8));
    }

    private static boolean blank(char[] value) {
        return value == null || value.length == 0;
    }

    private static void wipe(char[] value) {
        if (value != null) {
            Arrays.fill(value, '\0');
        }
    }

    private record Ids(long bind, Long probe) {
    }
}
