package com.asaconsole.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.asaconsole.ConsoleTest;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;
import com.asaconsole.lab.cas.LabCertificates;
import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Signed webhooks to a receiver the test runs on loopback over HTTPS (a certificate of the lab CA the console is told
 * to trust): an approval is delivered as signed JSON; a receiver that fails first gets it again after the backoff
 * with the same delivery id; the delivery is recorded with its attempts and can be replayed; the secret is in no
 * payload, table row or log. Changes are made by the real four-eyes service against the Samba DC's forest.
 */
@ConsoleTest
@AutoConfigureMockMvc
@DirtiesContext
@ExtendWith(SambaLab.class)
@LabTest
class WebhooksTest {

    private static final String SECRET = "hook-secret-4f9a1c0e7b2d";
    private static final RequestPostProcessor ADMIN = user("ada").roles("ADMIN");

    @DynamicPropertySource
    static void webhooks(DynamicPropertyRegistry registry) {
        registry.add("asa.webhooks.trust-store", RemoteDeploymentTest::trustStoreFile);
        registry.add("asa.webhooks.trust-store-password", () -> "lab");
        registry.add("asa.webhooks.retry-backoff", () -> "1s");
        registry.add("asa.webhooks.attempts", () -> "4");
    }

    /** What the receiver got: headers and body of each POST. */
    record Received(String delivery, String event, String signature, String body, Instant at) {
        Received(String delivery, String event, String signature, String body) {
            this(delivery, event, signature, body, Instant.now());
        }
    }

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DirectorySettings settings;
    @Autowired ChangeRequests changes;
    @Autowired org.springframework.context.ApplicationEventPublisher events;

    SambaDc dc;
    HttpsServer receiver;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger(1);

    @BeforeEach
    void start(SambaDc dc) throws Exception {
        this.dc = dc;
        LabDirectory.connect(settings, dc);
        LabCertificates certificates = LabCertificates.get();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificates.serverKeyStore())) {
            keys.load(in, certificates.serverKeyStorePassword().toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, certificates.serverKeyStorePassword().toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        receiver = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setHttpsConfigurator(new HttpsConfigurator(tls));
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Asa-Delivery"),
                    exchange.getRequestHeaders().getFirst("X-Asa-Event"), exchange.getRequestHeaders().getFirst("X-Asa-Signature"), body));
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void anApprovalIsDeliveredSignedRetriedAfterAFailureRecordedAndReplayable() throws Exception {
        String url = "https://mail.contoso.test:" + receiver.getAddress().getPort() + "/hook";
        // bad input first: plain HTTP, a short secret, an unknown event
        mvc.perform(post("/api/webhooks").with(ADMIN).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"url\":\"http://itsm.test/hook\",\"secret\":\"" + SECRET + "\",\"events\":[\"change.approved\"]}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("url"));
        mvc.perform(post("/api/webhooks").with(ADMIN).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"url\":\"" + url + "\",\"secret\":\"short\",\"events\":[\"change.approved\"]}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("secret"));
        mvc.perform(post("/api/webhooks").with(ADMIN).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"url\":\"" + url + "\",\"secret\":\"" + SECRET + "\",\"events\":[\"change.cheered\"]}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("events"));
        mvc.perform(get("/api/webhooks").with(user("abe").roles("APPROVER"))).andExpect(status().isForbidden());

        String registered = mvc.perform(post("/api/webhooks").with(ADMIN).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"url\":\"" + url + "\",\"secret\":\"" + SECRET + "\",\"events\":[\"change.approved\",\"job.succeeded\"]}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        assertThat(registered).doesNotContain(SECRET);
        long endpoint = ((Number) JsonPath.read(registered, "$.id")).longValue();

        LabEstate estate = new LabEstate(mvc, jdbc, dc, 1);
        ChangeRequest change = changes.submit(estate.storePlan(), List.of("create-account"), DeploymentJobTest.ALICE);
        changes.approve(change.id(), change.contentHash(), DeploymentJobTest.BOB, "CAB-77");

        // the receiver answered 500 once: the same delivery comes again after the backoff
        await(() -> received.size() >= 2, "two attempts");
        assertThat(received).extracting(Received::event).containsOnly("change.approved");
        assertThat(received.get(1).delivery()).isEqualTo(received.get(0).delivery());
        for (Received r : received) {
            assertThat(verify(r)).as("signature of " + r).isTrue();
        }
        Received first = received.get(0);
        assertThat((Number) JsonPath.read(first.body(), "$.data.changeId")).isEqualTo((int) change.id());
        assertThat((String) JsonPath.read(first.body(), "$.data.contentHash")).isEqualTo(change.contentHash());
        assertThat((String) JsonPath.read(first.body(), "$.data.status")).isEqualTo("APPROVED");
        assertThat((String) JsonPath.read(first.body(), "$.data.by")).isEqualTo("Bob Reviewer");
        assertThat((String) JsonPath.read(first.body(), "$.id")).isEqualTo(first.delivery());
        // a body altered on the way no longer matches its signature
        assertThat(verify(new Received(first.delivery(), first.event(), first.signature(), first.body().replace("APPROVED", "REJECTED"))))
                .isFalse();

        String delivery = first.delivery();
        await(() -> "DELIVERED".equals(state(delivery)), "the delivery recorded as delivered");
        mvc.perform(get("/api/webhooks/" + endpoint + "/deliveries").with(ADMIN)).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(delivery)).andExpect(jsonPath("$[0].status").value("DELIVERED"))
                .andExpect(jsonPath("$[0].attempts").value(2)).andExpect(jsonPath("$[0].lastStatus").value(204))
                .andExpect(jsonPath("$.length()").value(1));

        // replay: the same delivery again, freshly signed
        mvc.perform(post("/api/webhooks/deliveries/" + delivery + "/replay").with(ADMIN).with(csrf())).andExpect(status().isAccepted());
        await(() -> received.size() >= 3, "the replay");
        assertThat(received.get(2).delivery()).isEqualTo(delivery);
        assertThat(received.get(2).body()).isEqualTo(first.body());
        assertThat(verify(received.get(2))).isTrue();
        await(() -> jdbc.sql("SELECT attempts FROM webhook_delivery WHERE id = :id").param("id", delivery).query(Integer.class).single() == 3,
                "three attempts recorded");
        mvc.perform(post("/api/webhooks/deliveries/nope/replay").with(ADMIN).with(csrf())).andExpect(status().isNotFound());

        String everything = jdbc.sql("SELECT * FROM webhook_delivery").query().listOfRows().toString()
                + jdbc.sql("SELECT * FROM webhook_endpoint").query().listOfRows() + jdbc.sql("SELECT * FROM audit_record").query().listOfRows()
                + Files.readString(Path.of("target/test-logs/asa-console.json"));
        assertThat(everything).doesNotContain(SECRET);
        assertThat(received).extracting(Received::body).noneMatch(b -> b.contains(SECRET));
    }

    @Test
    void aDriftIsDeliveredAReceiverThatKeepsFailingIsGivenUpShownOnThePageAndReplayedFromIt() throws Exception {
        String url = "https://mail.contoso.test:" + receiver.getAddress().getPort() + "/hook";
        // the page refuses what the API refuses, with the sentence beside the field, and keeps what was typed
        String refused = mvc.perform(post("/admin/webhooks").with(ADMIN).with(csrf()).param("url", "http://itsm.test/hook")
                .param("secret", SECRET).param("events", "drift.found")).andExpect(status().isBadRequest()).andReturn().getResponse()
                .getContentAsString();
        assertThat(refused).contains("Webhooks go over HTTPS only").contains("value=\"http://itsm.test/hook\"").doesNotContain(SECRET);
        mvc.perform(post("/admin/webhooks").with(ADMIN).with(csrf()).param("url", url).param("secret", SECRET)
                .param("events", "drift.found")).andExpect(status().is3xxRedirection());
        long endpoint = jdbc.sql("SELECT id FROM webhook_endpoint WHERE url = :u").param("u", url).query(Long.class).single();

        // the receiver keeps failing: every attempt of the backoff, then the delivery is given up
        failuresLeft.set(1_000);
        events.publishEvent(new com.asaconsole.health.DriftFound(41, com.asaconsole.health.Verdict.FAIL, 10, 1, 2,
                List.of("cas2.contoso.test: cas2.contoso.test holds no ASA credential.", "cas3.contoso.test: not reachable.")));
        await(() -> jdbc.sql("SELECT COUNT(*) FROM webhook_delivery WHERE status = 'FAILED' AND endpoint_id = :e").param("e", endpoint)
                .query(Integer.class).single() == 1, "the delivery given up");
        String delivery = jdbc.sql("SELECT id FROM webhook_delivery WHERE endpoint_id = :e").param("e", endpoint).query(String.class).single();
        assertThat(received).hasSize(4).extracting(Received::delivery).containsOnly(delivery);
        assertThat(received).extracting(Received::event).containsOnly("drift.found");
        // retry-backoff is 1 s here, doubling: at least 1, 2 and 4 s between the attempts
        for (int i = 1; i < received.size(); i++) {
            assertThat(Duration.between(received.get(i - 1).at(), received.get(i).at())).as("wait before attempt " + (i + 1))
                    .isGreaterThanOrEqualTo(Duration.ofMillis((1000L << (i - 1)) - 100));
        }
        Received first = received.get(0);
        assertThat(verify(first)).isTrue();
        assertThat((Integer) JsonPath.read(first.body(), "$.data.roundId")).isEqualTo(41);
        assertThat((String) JsonPath.read(first.body(), "$.data.verdict")).isEqualTo("FAIL");
        assertThat((List<String>) JsonPath.read(first.body(), "$.data.drift")).containsExactly(
                "cas2.contoso.test: cas2.contoso.test holds no ASA credential.", "cas3.contoso.test: not reachable.");
        Thread.sleep(3_000);
        assertThat(received).as("no attempt after giving up").hasSize(4);
        mvc.perform(get("/api/webhooks/" + endpoint + "/deliveries").with(ADMIN)).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].status").value("FAILED")).andExpect(jsonPath("$[0].attempts").value(4))
                .andExpect(jsonPath("$[0].lastStatus").value(500));
        String page = mvc.perform(get("/admin/webhooks").with(ADMIN)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains(url).contains("drift.found").contains("given up").contains("The receiver answered HTTP 500.")
                .contains(delivery.substring(0, 8)).doesNotContain(SECRET);

        // the receiver works again: replayed from the page, delivered with the same id
        failuresLeft.set(0);
        mvc.perform(post("/admin/webhooks/deliveries/" + delivery + "/replay").with(ADMIN).with(csrf()))
                .andExpect(status().is3xxRedirection());
        await(() -> "DELIVERED".equals(state(delivery)), "the replay delivered");
        assertThat(received).hasSize(5);
        assertThat(received.get(4).delivery()).isEqualTo(delivery);
        assertThat(verify(received.get(4))).isTrue();

        // edit without a secret keeps it (the next delivery still verifies with it); delete takes the records along
        mvc.perform(post("/admin/webhooks/" + endpoint).with(ADMIN).with(csrf()).param("url", url).param("secret", "")
                .param("events", "drift.found", "job.paused")).andExpect(status().is3xxRedirection());
        assertThat(mvc.perform(get("/admin/webhooks/" + endpoint + "/edit").with(ADMIN)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString()).contains("id=\"event-job-paused\" checked").doesNotContain(SECRET);
        events.publishEvent(new com.asaconsole.health.DriftFound(42, com.asaconsole.health.Verdict.WARN, 12, 1, 0, List.of("x: worse.")));
        await(() -> received.size() >= 6, "a delivery after the edit");
        assertThat(verify(received.get(5))).isTrue();
        mvc.perform(post("/admin/webhooks/" + endpoint + "/delete").with(ADMIN).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM webhook_delivery WHERE endpoint_id = :e").param("e", endpoint).query(Integer.class)
                .single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM webhook_endpoint WHERE id = :e").param("e", endpoint).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT action FROM audit_record WHERE action LIKE 'webhook.%' AND (target = :url OR target LIKE :delivery) "
                + "ORDER BY seq").param("url", url).param("delivery", "% " + delivery).query(String.class).list())
                .containsExactly("webhook.registered", "webhook.replayed", "webhook.changed", "webhook.deleted");
    }

    /** What a receiver does: HMAC-SHA256 over "t.body" with the shared secret, compared with v1. */
    static boolean verify(Received r) throws Exception {
        Map<String, String> parts = new java.util.HashMap<>();
        for (String part : r.signature().split(",")) {
            String[] kv = part.split("=", 2);
            parts.put(kv[0], kv[1]);
        }
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(parts.get("t")))).isLessThan(300);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((parts.get("t") + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
        return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                parts.get("v1").getBytes(StandardCharsets.US_ASCII));
    }

    private String state(String delivery) {
        return jdbc.sql("SELECT status FROM webhook_delivery WHERE id = :id").param("id", delivery).query(String.class).optional().orElse(null);
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within 60 s: " + what);
    }
}
