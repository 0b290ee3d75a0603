package com.asaconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.asaconsole.ConsoleTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Known secret values go through every door the audit trail has (sign-ins, a record with secret
 * details, a refused write, a checkpoint), then the audit tables, the log file, the pages, the API
 * and both exports are searched for them.
 */
@ConsoleTest
@AutoConfigureMockMvc
class AuditSecretsTest {

    static final String TYPED_WRONG_PASSWORD = "Leak-Check-Typed-Pw-5";
    static final String BIND_PASSWORD = "Leak-Check-Bind-Secret-6";
    static final String TOKEN = "Leak-Check-Token-7";
    static final String CHECKPOINT_KEY = "Test-Checkpoint-Key-0123456789abcdef";
    static final String SECRETS_KEY = "dGVzdC1vbmx5LWtleS0wMTIzNDU2Nzg5YWJjZGVmMDE=";

    static final List<String> SECRETS = List.of(ConsoleTest.BOOTSTRAP_PASSWORD, TYPED_WRONG_PASSWORD, BIND_PASSWORD, TOKEN,
            CHECKPOINT_KEY, SECRETS_KEY);

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuditTrail trail;

    @Autowired
    Checkpoints checkpoints;

    @Test
    void noSecretReachesTheTrailTheLogOrAnyPage() throws Exception {
        mvc.perform(post("/login").with(csrf()).param("username", "admin").param("password", TYPED_WRONG_PASSWORD)
                .remoteAddress("10.8.0.1"));
        mvc.perform(post("/login").with(csrf()).param("username", "admin").param("password", ConsoleTest.BOOTSTRAP_PASSWORD)
                .remoteAddress("10.8.0.2"));
        AuditEvent withSecrets = AuditEvent.of("directory.settings.saved", "leak-check.test").withDetail("bindPassword", BIND_PASSWORD)
                .withDetail("token", TOKEN).withDetail("client_secret", BIND_PASSWORD).withDetail("bindPrincipal", "svc@leak-check.test");
        trail.record(withSecrets);
        jdbc.update("DELETE FROM audit_chain_head");
        try {
            assertThatThrownBy(() -> trail.record(withSecrets)).isInstanceOf(AuditUnavailable.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(BIND_PASSWORD, TOKEN));
        } finally {
            Long last = jdbc.queryForObject("SELECT MAX(seq) FROM audit_record", Long.class);
            jdbc.update("INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, ?, (SELECT hash FROM audit_record WHERE seq = ?))",
                    last, last);
        }
        checkpoints.take();

        Map<String, String> places = new java.util.LinkedHashMap<>();
        places.put("audit_record", rows("SELECT * FROM audit_record"));
        places.put("audit_checkpoint", rows("SELECT * FROM audit_checkpoint"));
        places.put("audit_chain_head", rows("SELECT * FROM audit_chain_head"));
        Path log = Path.of("target/test-logs/asa-console.json");
        assertThat(log).exists();
        places.put("log file", Files.readString(log, StandardCharsets.UTF_8));
        places.put("/audit", page(get("/audit")));
        places.put("/audit sign-ins", page(get("/audit").param("action", "sign-in")));
        places.put("/audit/verify", page(get("/audit/verify")));
        places.put("/api/audit", page(get("/api/audit")));
        places.put("/api/audit/verify", page(get("/api/audit/verify")));
        places.put("CSV export", exported("/audit/export.csv"));
        places.put("JSON export", exported("/audit/export.json"));

        assertThat(places.get("audit_record")).contains("svc@leak-check.test", "wrong user name or password", "10.8.0.2");
        assertThat(places.get("CSV export")).contains("directory.settings.saved");
        assertThat(places.get("/audit")).contains("directory.settings.saved");
        List<String> leaks = new ArrayList<>();
        places.forEach((place, text) -> SECRETS.stream().filter(text::contains).forEach(s -> leaks.add(place + " contains " + s)));
        assertThat(leaks).isEmpty();
    }

    private String rows(String sql) {
        return jdbc.queryForList(sql).toString();
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(user("reviewer").roles("APPROVER"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private String exported(String path) throws Exception {
        MvcResult started = mvc.perform(get(path).with(user("reviewer").roles("APPROVER"))).andReturn();
        return mvc.perform(asyncDispatch(started)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
