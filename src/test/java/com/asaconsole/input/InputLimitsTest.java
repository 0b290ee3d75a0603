package com.asaconsole.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.asaconsole.ConsoleTest;
import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Values longer than their column, control characters, floats for ids, numbers for enums and ports
 * out of range: each is refused before the database with 400 and a sentence for its field (problem
 * details on the API, the form again on the pages), nothing is saved, and the value reaches no log.
 * Each of these answered 500 before, and the value landed in the log and H2's trace file.
 */
@ConsoleTest
@AutoConfigureMockMvc
@TestPropertySource(properties = "asa.test.estate=input-limits")
class InputLimitsTest {

    static final RequestPostProcessor ADMIN = user("ada").roles("ADMIN");
    static final Path LOG = Path.of("target/test-logs/asa-console.json");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    /** Unique per test, so the log check finds only what this test sent. */
    String marker;
    long forest;
    long site;

    @BeforeEach
    void estate() throws Exception {
        marker = "Zq" + UUID.randomUUID().toString().replace("-", "");
        String suffix = marker.substring(2, 8).toLowerCase();
        forest = id(api("/api/topology/forests", Map.of("dnsName", "f" + suffix + ".test", "netbiosName", "F" + suffix.toUpperCase(),
                "ldapsEndpoint", "ldaps://dc1.f" + suffix + ".test", "globalCatalogEndpoint", "ldaps://dc1.f" + suffix + ".test:3269",
                "asaOu", "OU=Service Accounts,DC=f" + suffix + ",DC=test")), 201);
        site = id(api("/api/topology/sites", Map.of("forestId", forest, "name", "Site-" + suffix)), 201);
    }

    @Test
    void tooLongValuesOnTheApiAreA400ForTheirFieldAndReachNoLog() throws Exception {
        Map<String, Integer> before = counts();
        expectField(api("/api/topology/asa-accounts", Map.of("forestId", forest, "samAccountName", "LONG$", "kind", "COMPUTER",
                "ou", "OU=" + marker + "a".repeat(600) + ",DC=test", "rotationDays", 21)), "ou", "At most 500 characters");
        expectField(api("/api/topology/forests", Map.of("dnsName", "long1.test", "netbiosName", "LONG1",
                "ldapsEndpoint", "ldaps://dc1.long1.test/" + marker + "p".repeat(300), "globalCatalogEndpoint", "ldaps://dc1.long1.test:3269",
                "asaOu", "OU=X,DC=long1,DC=test")), "ldapsEndpoint", "At most 300 characters");
        expectField(api("/api/topology/forests", Map.of("dnsName", "long2.test", "netbiosName", "LONG2",
                "ldapsEndpoint", "ldaps://dc1.long2.test", "globalCatalogEndpoint", "ldaps://dc1.long2.test:3269",
                "asaOu", "OU=X,DC=long2,DC=test", "credentialRef", marker + "c".repeat(200))), "credentialRef", "At most 128 characters");
        expectField(api("/api/topology/servers", server("ex1.long.test", "https://ex1.long.test/" + marker + "w".repeat(300))),
                "winrmEndpoint", "At most 300 characters");
        assertThat(counts()).isEqualTo(before);
        assertThat(logs()).doesNotContain(marker);
    }

    @Test
    void tooLongValuesInFormsReRenderWithTheFieldsSentence() throws Exception {
        Map<String, Integer> before = counts();
        String page = form(post("/topology/forests").param("dnsName", "long3.test").param("netbiosName", "LONG3")
                .param("ldapsEndpoint", "ldaps://dc1.long3.test").param("globalCatalogEndpoint", "ldaps://dc1.long3.test:3269")
                .param("asaOu", "OU=" + marker + "o".repeat(600) + ",DC=long3,DC=test"), 200);
        assertThat(page).contains("At most 500 characters");
        page = form(post("/admin/directory").param("forest", "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "."
                + "d".repeat(63) + ".test").param("ldapsUrl", "ldaps://dc1." + "x".repeat(600) + ".test")
                .param("globalCatalogUrl", "ldaps://dc1.x.test:3269").param("baseDn", "DC=x," + marker + "x".repeat(600))
                .param("bindPrincipal", "svc@x.test").param("bindPassword", "Pw-1").param("trustedCertificatePem", "pem"), 200);
        assertThat(page).contains("At most 255 characters").contains("At most 512 characters");
        assertThat(counts()).isEqualTo(before);
        assertThat(logs()).doesNotContain(marker);
    }

    @Test
    void idsAreWholeNumbersEnumsAreNamesAndPortsAreInRange() throws Exception {
        Map<String, Integer> before = counts();
        expectField(api("/api/topology/sites", Map.of("forestId", 1.5, "name", "Float")), "forestId", "");
        expectField(api("/api/topology/sites", Map.of("forestId", Long.toString(forest), "name", "StringId")), "forestId", "");
        Map<String, Object> ordinal = new LinkedHashMap<>(server("ex2.ord.test", "https://ex2.ord.test/wsman"));
        ordinal.put("exchangeVersion", 2);
        expectField(api("/api/topology/servers", ordinal), "exchangeVersion", "Use one of");
        expectField(api("/api/topology/servers", server("ex3.port.test", "https://ex3.port.test:99999/wsman")), "winrmEndpoint",
                "A port is a number from 1 to 65535, not 99999.");
        expectField(api("/api/topology/servers", server("ex4.port.test", "https://ex4.port.test:0/wsman")), "winrmEndpoint",
                "not 0");
        String page = form(post("/admin/directory").param("forest", "port.test").param("ldapsUrl", "ldaps://dc1.port.test:99999")
                .param("globalCatalogUrl", "ldaps://dc1.port.test:3269").param("baseDn", "DC=port,DC=test")
                .param("bindPrincipal", "svc@port.test").param("bindPassword", "Pw-1").param("trustedCertificatePem", "pem"), 200);
        assertThat(page).contains("Use ldaps://&lt;dc host name&gt;:636.");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void controlCharactersAreRefusedWhereTextIsStored() throws Exception {
        Map<String, Integer> before = counts();
        String page = form(post("/admin/directory").param("forest", "nul.test").param("ldapsUrl", "ldaps://dc1.nul.test")
                .param("globalCatalogUrl", "ldaps://dc1.nul.test:3269").param("baseDn", "DC=nul,DC=test")
                .param("bindPrincipal", "svc\u0000@nul.test").param("bindPassword", "Pw-1").param("trustedCertificatePem", "pem"), 200);
        assertThat(page).contains("Remove the control character U+0000 at position 4.");
        assertThat(counts()).isEqualTo(before);
    }

    private Map<String, Object> server(String fqdn, String winrm) {
        return Map.of("fqdn", fqdn, "siteId", site, "exchangeVersion", "EXCHANGE_2016", "operatingSystem", "WS2016",
                "winrmEndpoint", winrm, "winrmAuth", "KERBEROS");
    }

    private MockHttpServletResponse api(String path, Map<String, Object> body) throws Exception {
        return mvc.perform(post(path).with(ADMIN).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(body))).andReturn().getResponse();
    }

    private String form(MockHttpServletRequestBuilder request, int status) throws Exception {
        MockHttpServletResponse response = mvc.perform(request.with(ADMIN).with(csrf())).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(status);
        return response.getContentAsString();
    }

    private static long id(MockHttpServletResponse response, int status) throws Exception {
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        return ((Number) JsonPath.read(response.getContentAsString(), "$.id")).longValue();
    }

    private static void expectField(MockHttpServletResponse response, String field, String sentence) throws Exception {
        String body = response.getContentAsString();
        assertThat(response.getStatus()).as(body).isEqualTo(400);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        List<Map<String, String>> errors = JsonPath.read(body, "$.errors");
        assertThat(errors).as(body).anySatisfy(e -> {
            assertThat(e.get("field")).isEqualTo(field);
            assertThat(e.get("message")).contains(sentence);
        });
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String table : List.of("forest", "ad_site", "asa_account", "exchange_server", "directory_connection", "secret")) {
            counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single());
        }
        return counts;
    }

    private static String logs() throws Exception {
        return Files.exists(LOG) ? Files.readString(LOG) : "";
    }
}
