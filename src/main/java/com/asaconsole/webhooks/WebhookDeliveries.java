package com.asaconsole.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.sql.DataSource;

import com.asaconsole.audit.Actor;
import com.asaconsole.audit.AuditEvent;
import com.asaconsole.audit.AuditTrail;
import com.asaconsole.deployment.DeploymentActivity;
import com.asaconsole.health.DriftFound;
import com.asaconsole.identity.ConsoleUser;
import com.asaconsole.secrets.SecretId;
import com.asaconsole.secrets.SecretStore;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook endpoints and their deliveries. Each {@link DeploymentActivity} an endpoint subscribes to becomes a
 * delivery row and a scheduler task in the same transaction as the activity (an outbox: no approval without its
 * delivery, no delivery without its approval). An attempt POSTs the JSON with {@code X-Asa-Delivery} (the delivery's
 * id, the same on every retry and replay, for the receiver to drop duplicates), {@code X-Asa-Event} and
 * {@code X-Asa-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" with the endpoint's secret>}. The secret
 * is kept encrypted in the secret store and never leaves it except into the HMAC.
 */
@Service
class WebhookDeliveries {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);
    static final String DRIFT = "drift.found";
    static final int DRIFT_SENTENCES = 20;
    static final Set<String> EVENTS = Set.of("change.submitted", "change.approved", "change.rejected", "change.withdrawn",
            "job.started", "job.paused", "job.succeeded", "job.aborted", DRIFT);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What an admin may get wrong registering an endpoint. */
    static final class Refused extends RuntimeException {
        final String field;

        Refused(String field, String sentence) {
            super(sentence);
            this.field = field;
        }
    }

    record Endpoint(long id, String url, List<String> events, String createdBy, Instant createdAt) {
    }

    record Delivery(String id, long endpointId, String event, Status status, int attempts, Integer lastStatus, String lastError,
            Instant createdAt, Instant deliveredAt, String payload) {

        /** Where a delivery is. Stored in {@code webhook_delivery.status} and shown by the API by these names. */
        enum Status {
            PENDING, RETRYING, DELIVERED,
            /** The scheduler gave up retrying. */
            FAILED
        }
    }

    private final JdbcClient jdbc;
    private final SecretStore secrets;
    private final AuditTrail audit;
    private final WebhookProperties properties;
    private final SchedulerClient scheduler;
    private final OneTimeTask<Void> task;
    private final HttpClient http;

    WebhookDeliveries(JdbcClient jdbc, SecretStore secrets, AuditTrail audit, WebhookProperties properties, DataSource dataSource,
            OneTimeTask<Void> webhookDeliveryTask) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.audit = audit;
        this.properties = properties;
        this.task = webhookDeliveryTask;
        // scheduled in the caller's transaction, like the jobs (ADR 10)
        this.scheduler = SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource), webhookDeliveryTask).build();
        this.http = HttpClient.newBuilder().sslContext(tls(properties)).connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Transactional
    Endpoint register(String url, String secret, List<String> events, ConsoleUser by) {
        URI uri = url(url);
        requireSecret(secret);
        String wanted = events(events);
        SecretId secretId = secrets.put("webhook", secret.toCharArray());
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO webhook_endpoint (url, secret_id, events, created_by, created_at) VALUES (:url, :secret, :events, :by, :now)")
                .param("url", uri.toString()).param("secret", secretId.value()).param("events", wanted)
                .param("by", by.displayName()).param("now", Instant.now().atOffset(ZoneOffset.UTC)).update(keys, "id");
        Endpoint endpoint = endpoint(keys.getKey().longValue()).orElseThrow();
        audit.record(AuditEvent.of("webhook.registered", endpoint.url()).by(new Actor(by.stableId(), by.displayName()))
                .withDetail("events", String.join(",", endpoint.events())));
        return endpoint;
    }

    /** Changes an endpoint's address and events; a blank secret keeps the stored one. Deliveries already made keep theirs. */
    @Transactional
    Endpoint update(long id, String url, String secret, List<String> events, ConsoleUser by) {
        Endpoint before = endpoint(id).orElseThrow(() -> new Refused(null, "There is no webhook endpoint " + id + "."));
        URI uri = url(url);
        boolean newSecret = secret != null && !secret.isEmpty();
        if (newSecret) {
            requireSecret(secret);
        }
        String wanted = events(events);
        if (newSecret) {
            long secretId = jdbc.sql("SELECT secret_id FROM webhook_endpoint WHERE id = :id").param("id", id).query(Long.class).single();
            secrets.replace(new SecretId(secretId), "webhook", secret.toCharArray());
        }
        jdbc.sql("UPDATE webhook_endpoint SET url = :url, events = :events WHERE id = :id").param("url", uri.toString())
                .param("events", wanted).param("id", id).update();
        Endpoint endpoint = endpoint(id).orElseThrow();
        audit.record(AuditEvent.of("webhook.changed", endpoint.url()).by(new Actor(by.stableId(), by.displayName()))
                .withDetail("events", String.join(",", endpoint.events())).withDetail("was", before.url())
                .withDetail("secret", newSecret ? "replaced" : "kept"));
        return endpoint;
    }

    /** Removes an endpoint with its secret and its delivery records; deliveries still waiting are dropped. */
    @Transactional
    void delete(long id, ConsoleUser by) {
        Endpoint endpoint = endpoint(id).orElseThrow(() -> new Refused(null, "There is no webhook endpoint " + id + "."));
        long secretId = jdbc.sql("SELECT secret_id FROM webhook_endpoint WHERE id = :id").param("id", id).query(Long.class).single();
        int deliveries = jdbc.sql("DELETE FROM webhook_delivery WHERE endpoint_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM webhook_endpoint WHERE id = :id").param("id", id).update();
        secrets.delete(new SecretId(secretId));
        audit.record(AuditEvent.of("webhook.deleted", endpoint.url()).by(new Actor(by.stableId(), by.displayName()))
                .withDetail("deliveries", Integer.toString(deliveries)));
    }

    private static URI url(String url) {
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url.strip());
        } catch (IllegalArgumentException e) {
            throw new Refused("url", "Enter the receiver's address, e.g. https://itsm.contoso.com/asa-hook.");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getUserInfo() != null || url.length() > 500) {
            throw new Refused("url", "Webhooks go over HTTPS only: enter an https:// address without a user name, at most 500 characters.");
        }
        return uri;
    }

    private static void requireSecret(String secret) {
        if (secret == null || secret.length() < 16 || secret.length() > 200) {
            throw new Refused("secret", "Choose a secret of 16 to 200 characters; the receiver checks each signature with it.");
        }
    }

    private static String events(List<String> events) {
        if (events == null || events.isEmpty() || !EVENTS.containsAll(events)) {
            throw new Refused("events", "Choose events among " + String.join(", ", EVENTS.stream().sorted().toList()) + ".");
        }
        return String.join(",", events.stream().distinct().sorted().toList());
    }

    List<Endpoint> endpoints() {
        return jdbc.sql("SELECT id, url, events, created_by, created_at FROM webhook_endpoint ORDER BY id").query(WebhookDeliveries::endpoint).list();
    }

    Optional<Endpoint> endpoint(long id) {
        return jdbc.sql("SELECT id, url, events, created_by, created_at FROM webhook_endpoint WHERE id = :id").param("id", id)
                .query(WebhookDeliveries::endpoint).optional();
    }

    List<Delivery> deliveries(long endpointId, int limit) {
        return jdbc.sql(DELIVERY + " WHERE endpoint_id = :e ORDER BY created_at DESC, id LIMIT :limit").param("e", endpointId)
                .param("limit", limit).query(WebhookDeliveries::delivery).list();
    }

    /** The most recent deliveries to any endpoint, newest first (the admin page). */
    List<Delivery> recentDeliveries(int limit) {
        return jdbc.sql(DELIVERY + " ORDER BY created_at DESC, id LIMIT :limit").param("limit", limit).query(WebhookDeliveries::delivery)
                .list();
    }

    Optional<Delivery> delivery(String id) {
        return jdbc.sql(DELIVERY + " WHERE id = :id").param("id", id).query(WebhookDeliveries::delivery).optional();
    }

    /** Sends a delivery again, with its id and payload and a fresh signature; refused while it is still being tried. */
    @Transactional
    Delivery replay(String id, ConsoleUser by) {
        Delivery delivery = delivery(id).orElseThrow(() -> new Refused(null, "There is no delivery " + id + "."));
        int updated = jdbc.sql("UPDATE webhook_delivery SET status = :pending WHERE id = :id AND status IN (:delivered, :failed)")
                .param("pending", Delivery.Status.PENDING.name()).param("delivered", Delivery.Status.DELIVERED.name())
                .param("failed", Delivery.Status.FAILED.name()).param("id", id).update();
        if (updated != 1) {
            throw new Refused(null, "Delivery " + id + " is still being tried; replay it once it is delivered or failed.");
        }
        scheduler.scheduleIfNotExists(task.instance(id), Instant.now());
        audit.record(AuditEvent.of("webhook.replayed", delivery.event() + " delivery " + id).by(new Actor(by.stableId(), by.displayName())));
        return delivery(id).orElseThrow();
    }

    /** A delivery for each endpoint that wants this event, in the publisher's transaction. */
    @EventListener
    void on(DeploymentActivity activity) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("changeId", activity.changeId());
        data.put("jobId", activity.jobId());
        data.put("status", activity.status());
        data.put("contentHash", activity.contentHash());
        data.put("by", activity.byName());
        data.put("detail", activity.detail());
        data.put("change", "/api/changes/" + activity.changeId());
        data.put("job", activity.jobId() == null ? null : "/api/jobs/" + activity.jobId());
        enqueue(activity.event(), activity.at(), data);
    }

    /**
     * A round of the estate checks found checks worse than the round before: the round, its counts and the sentences of
     * what drifted (the same the drift mail carries), in the round's transaction: like a change's, a drift is not
     * stored without its deliveries.
     */
    @EventListener
    void on(DriftFound drift) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("roundId", drift.roundId());
        data.put("verdict", drift.verdict().name());
        data.put("ok", drift.ok());
        data.put("warn", drift.warn());
        data.put("fail", drift.fail());
        // the payload column holds 8,000 characters: the first sentences, the count, and where to read them all
        data.put("driftCount", drift.drift().size());
        data.put("drift", drift.drift().stream().limit(DRIFT_SENTENCES).map(t -> t.length() > 300 ? t.substring(0, 299) + "…" : t)
                .toList());
        data.put("health", "/api/health");
        enqueue(DRIFT, Instant.now(), data);
    }

    private void enqueue(String event, Instant at, Map<String, Object> data) {
        if (!EVENTS.contains(event)) {
            return;
        }
        for (Endpoint endpoint : endpoints().stream().filter(e -> e.events().contains(event)).toList()) {
            String id = UUID.randomUUID().toString();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("event", event);
            body.put("occurredAt", at.toString());
            body.put("data", data);
            jdbc.sql("INSERT INTO webhook_delivery (id, endpoint_id, event, payload, status, attempts, created_at) "
                    + "VALUES (:id, :e, :event, :payload, :pending, 0, :now)")
                    .param("pending", Delivery.Status.PENDING.name()).param("id", id).param("e", endpoint.id())
                    .param("event", event).param("payload", JSON.writeValueAsString(body))
                    .param("now", Instant.now().atOffset(ZoneOffset.UTC)).update();
            scheduler.scheduleIfNotExists(task.instance(id), Instant.now());
        }
    }

    /** One attempt; throws when the receiver did not take it, so that the scheduler retries with backoff. */
    void attempt(String id, Instant now) {
        Optional<Delivery> found = delivery(id);
        if (found.isEmpty()) {
            return;
        }
        Delivery delivery = found.get();
        long secretId = jdbc.sql("SELECT secret_id FROM webhook_endpoint WHERE id = :e").param("e", delivery.endpointId())
                .query(Long.class).single();
        String url = endpoint(delivery.endpointId()).orElseThrow().url();
        long t = now.getEpochSecond();
        String signature = "t=" + t + ",v1=" + sign(secretId, t + "." + delivery.payload());
        Integer status = null;
        String error = null;
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(properties.timeout())
                    .header("Content-Type", "application/json").header("User-Agent", "ASA-Console-Webhooks")
                    .header("X-Asa-Delivery", id).header("X-Asa-Event", delivery.event()).header("X-Asa-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status < 200 || status > 299) {
                error = "The receiver answered HTTP " + status + ".";
            }
        } catch (IOException e) {
            error = "The receiver could not be reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage().lines().findFirst().orElse("") + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "The console stopped during the attempt.";
        }
        boolean delivered = error == null;
        jdbc.sql("UPDATE webhook_delivery SET attempts = attempts + 1, last_status = :status, last_error = :error, status = :state, "
                + "delivered_at = CASE WHEN :delivered THEN :now ELSE delivered_at END WHERE id = :id")
                .param("status", status).param("error", error == null || error.length() <= 1000 ? error : error.substring(0, 1000))
                .param("state", (delivered ? Delivery.Status.DELIVERED : Delivery.Status.RETRYING).name())
                .param("delivered", delivered).param("now", now.atOffset(ZoneOffset.UTC)).param("id", id).update();
        if (!delivered) {
            log.warn("Webhook delivery {} ({}) to {} failed: {}", id, delivery.event(), url, error);
            throw new IllegalStateException(error);
        }
    }

    /** The scheduler stopped retrying. */
    void gaveUp(String id) {
        jdbc.sql("UPDATE webhook_delivery SET status = :failed WHERE id = :id").param("failed", Delivery.Status.FAILED.name()).param("id", id)
                .update();
    }

    private String sign(long secretId, String text) {
        char[] secret = secrets.reveal(new SecretId(secretId), "webhook");
        byte[] key = new String(secret).getBytes(StandardCharsets.UTF_8);
        Arrays.fill(secret, '\0');
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static SSLContext tls(WebhookProperties properties) {
        try {
            if (properties.trustStore() == null) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            char[] password = properties.trustStorePassword() == null ? new char[0] : properties.trustStorePassword().toCharArray();
            try (InputStream in = Files.newInputStream(properties.trustStore())) {
                store.load(in, password);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("asa.webhooks.trust-store can't be read as PKCS12 (" + properties.trustStore() + "): "
                    + e.getMessage(), e);
        }
    }

    private static final String DELIVERY = "SELECT id, endpoint_id, event, status, attempts, last_status, last_error, created_at, "
            + "delivered_at, payload FROM webhook_delivery";

    private static Endpoint endpoint(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Endpoint(rs.getLong("id"), rs.getString("url"), List.of(rs.getString("events").split(",")), rs.getString("created_by"),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
    }

    private static Delivery delivery(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        java.time.OffsetDateTime delivered = rs.getObject("delivered_at", java.time.OffsetDateTime.class);
        return new Delivery(rs.getString("id"), rs.getLong("endpoint_id"), rs.getString("event"), Delivery.Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"), (Integer) rs.getObject("last_status", Integer.class), rs.getString("last_error"),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant(), delivered == null ? null : delivered.toInstant(),
                rs.getString("payload"));
    }

}
