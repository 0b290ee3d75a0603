package com.asaconsole.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import com.asaconsole.ConsoleTest;
import com.jayway.jsonpath.JsonPath;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The JSON API as a script or another tool uses it: the pages' validation as problem details with a
 * sentence per field, optimistic locking as 409, the pages' roles, CSRF kept on, and an OpenAPI
 * description. Its own context (and database), so plan version numbers are this test's own.
 */
@ConsoleTest
@AutoConfigureMockMvc
@TestPropertySource(properties = "asa.test.estate=topology-api")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopologyApiTest {

    static final RequestPostProcessor ADMIN = user("ada").roles("ADMIN");
    static final RequestPostProcessor APPROVER = user("abe").roles("APPROVER");
    static final RequestPostProcessor HELPDESK = user("hal").roles("HELPDESK");
    static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @Autowired MockMvc mvc;
    @Autowired ForestRepository forests;
    @Autowired ExchangeServerRepository servers;

    @Test
    @Order(1)
    void anAdminModelsATwoSiteEstateAndEveryRoleReadsItAndItsPlan() throws Exception {
        long forest = create("forests", Map.of("dnsName", "Fabrikam.COM", "netbiosName", "fabrikam",
                "ldapsEndpoint", "ldaps://dc01.fabrikam.com:636", "globalCatalogEndpoint", "ldaps://dc01.fabrikam.com:3269",
                "asaOu", "OU=Service Accounts,DC=fabrikam,DC=com"));
        long east = create("sites", Map.of("forestId", forest, "name", "East"));
        long west = create("sites", Map.of("forestId", forest, "name", "West"));
        long asa = create("asa-accounts", Map.of("forestId", forest, "kind", "COMPUTER", "samAccountName", "EXCH-ASA$",
                "ou", "OU=Service Accounts,DC=fabrikam,DC=com", "encryptionTypes", 24, "rotationDays", 21));
        long ex1 = create("servers", server("ex01.fabrikam.com", east, asa));
        long ex2 = create("servers", server("ex02.fabrikam.com", west, asa));
        for (var site : List.of(Map.entry("east", east), Map.entry("west", west))) {
            long server = site.getValue() == east ? ex1 : ex2;
            create("namespaces", Map.of("fqdn", "mail-" + site.getKey() + ".fabrikam.com", "scope", "BOTH",
                    "services", List.of("EWS", "MAPI_HTTP", "OAB"), "siteId", site.getValue(), "serverIds", List.of(server)));
            create("namespaces", Map.of("fqdn", "autodiscover-" + site.getKey() + ".fabrikam.com", "scope", "BOTH",
                    "services", List.of("AUTODISCOVER"), "siteId", site.getValue(), "serverIds", List.of(server)));
        }

        mvc.perform(get("/api/topology/forests/" + forest).with(HELPDESK)).andExpect(status().isOk())
                .andExpect(jsonPath("$.dnsName").value("fabrikam.com")).andExpect(jsonPath("$.netbiosName").value("FABRIKAM"))
                .andExpect(jsonPath("$.version").value(0));
        mvc.perform(get("/api/topology/sites").with(APPROVER)).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].name", Matchers.containsInAnyOrder("East", "West")))
                .andExpect(jsonPath("$[0].forest").value("fabrikam.com"));
        mvc.perform(get("/api/topology/servers/" + ex2).with(HELPDESK)).andExpect(status().isOk())
                .andExpect(jsonPath("$.site").value("West")).andExpect(jsonPath("$.exchangeVersion").value("EXCHANGE_2016"))
                .andExpect(jsonPath("$.asaAccountId").value((int) asa));
        mvc.perform(get("/api/topology/namespaces").with(HELPDESK)).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(4))
                .andExpect(jsonPath("$[?(@.fqdn == 'mail-west.fabrikam.com')].servers[0]").value("ex02.fabrikam.com"));
        mvc.perform(get("/api/topology/asa-accounts").with(HELPDESK)).andExpect(jsonPath("$[0].samAccountName").value("EXCH-ASA$"));
        mvc.perform(get("/api/topology/cas-arrays").with(HELPDESK)).andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(0));

        // the live plan: four http SPNs, all on the one ASA; nothing stored yet
        mvc.perform(get("/api/plans/current").with(HELPDESK)).andExpect(status().isOk())
                .andExpect(jsonPath("$.plan.spns[*].spn", Matchers.containsInAnyOrder("http/mail-east.fabrikam.com",
                        "http/mail-west.fabrikam.com", "http/autodiscover-east.fabrikam.com", "http/autodiscover-west.fabrikam.com")))
                .andExpect(jsonPath("$.plan.spns[0].asa").value("FABRIKAM\\EXCH-ASA$"))
                .andExpect(jsonPath("$.blocked").value(false)).andExpect(jsonPath("$.latestVersion").doesNotExist())
                .andExpect(jsonPath("$.contentHash", Matchers.hasLength(64)));

        // storing: helpdesk may not; an admin stores v1; an unchanged plan stores nothing new
        mvc.perform(post("/api/plans").with(csrf()).with(HELPDESK)).andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM));
        mvc.perform(post("/api/plans").with(csrf()).with(ADMIN)).andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/plans/1")).andExpect(jsonPath("$.number").value(1))
                .andExpect(jsonPath("$.spns").value(4)).andExpect(jsonPath("$.createdBy").value("ada"));
        mvc.perform(post("/api/plans").with(csrf()).with(ADMIN)).andExpect(status().isOk()).andExpect(jsonPath("$.number").value(1));
        mvc.perform(get("/api/plans").with(APPROVER)).andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].intact").value(true));
        mvc.perform(get("/api/plans/1").with(HELPDESK)).andExpect(status().isOk())
                .andExpect(jsonPath("$.differenceFromPrevious.addedSpns.length()").value(4))
                .andExpect(jsonPath("$.topology").exists());
        mvc.perform(get("/api/plans/current").with(HELPDESK)).andExpect(jsonPath("$.latestVersion").value(1))
                .andExpect(jsonPath("$.storedAsLatest").value(true));
        mvc.perform(get("/api/plans/99").with(HELPDESK)).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.detail").value("There is no plan version 99."));
    }

    @Test
    @Order(2)
    void invalidInputIsAProblemDetailWithASentencePerFieldAndNothingIsSaved() throws Exception {
        long before = forests.count();
        String body = mvc.perform(write(post("/api/topology/forests"), Map.of("dnsName", "con\u200btoso.com", "netbiosName", "CONTOSO",
                "ldapsEndpoint", "ftp://dc01.contoso.com", "globalCatalogEndpoint", "ldaps://dc01.contoso.com:3269",
                "asaOu", "Service Accounts")).with(ADMIN))
                .andExpect(status().isBadRequest()).andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.status").value(400)).andExpect(jsonPath("$.title").value("Invalid input; nothing was saved"))
                .andReturn().getResponse().getContentAsString();
        List<Map<String, String>> errors = JsonPath.read(body, "$.errors");
        assertThat(errors).extracting(e -> e.get("field")).containsExactlyInAnyOrder("dnsName", "ldapsEndpoint", "asaOu");
        assertThat(message(errors, "dnsName")).contains("U+200B");
        assertThat(message(errors, "asaOu")).contains("OU=Service Accounts,DC=contoso,DC=com");
        assertThat(body).doesNotContain("Exception").doesNotContain("at com.asaconsole").doesNotContain("trace");
        assertThat(forests.count()).isEqualTo(before);

        // a value that can't even be converted names its field and the choices
        long site = JsonPath.<Integer>read(mvc.perform(get("/api/topology/sites").with(ADMIN)).andReturn().getResponse()
                .getContentAsString(), "$[0].id");
        Map<String, Object> bad = new java.util.HashMap<>(server("ex09.fabrikam.com", site, null));
        bad.put("exchangeVersion", "EXCHANGE_2003");
        mvc.perform(write(post("/api/topology/servers"), bad).with(ADMIN)).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.errors[0].field").value("exchangeVersion"))
                .andExpect(jsonPath("$.errors[0].message", Matchers.containsString("EXCHANGE_2016")));
        mvc.perform(post("/api/topology/servers").contentType(MediaType.APPLICATION_JSON).content("{not json").with(csrf()).with(ADMIN))
                .andExpect(status().isBadRequest()).andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.detail", Matchers.containsString("not valid JSON")));
        assertThat(servers.findByFqdnIgnoreCase("ex09.fabrikam.com")).isEmpty();

        // the rules the editor checks across items: a duplicate site name
        long forest = forests.findByDnsNameIgnoreCase("fabrikam.com").orElseThrow().id();
        mvc.perform(write(post("/api/topology/sites"), Map.of("forestId", forest, "name", "east")).with(ADMIN))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"))
                .andExpect(jsonPath("$.errors[0].message").value("Forest fabrikam.com already has a site named east."));
    }

    @Test
    @Order(3)
    void aStaleUpdateIsA409WithTheStoredValuesAndTheVersionToOverwrite() throws Exception {
        Forest forest = forests.findByDnsNameIgnoreCase("fabrikam.com").orElseThrow();
        Map<String, Object> edit = new java.util.HashMap<>(Map.of("dnsName", "fabrikam.com", "netbiosName", "FABRIKAM",
                "ldapsEndpoint", "ldaps://dc02.fabrikam.com:636", "globalCatalogEndpoint", "ldaps://dc01.fabrikam.com:3269",
                "asaOu", "OU=Service Accounts,DC=fabrikam,DC=com", "version", forest.version()));
        // the first editor saves
        mvc.perform(write(put("/api/topology/forests/" + forest.id()), edit).with(ADMIN)).andExpect(status().isOk())
                .andExpect(jsonPath("$.ldapsEndpoint").value("ldaps://dc02.fabrikam.com:636"))
                .andExpect(jsonPath("$.version").value(forest.version() + 1));
        // the second editor read the same version and loses nothing silently
        edit.put("ldapsEndpoint", "ldaps://dc03.fabrikam.com:636");
        mvc.perform(write(put("/api/topology/forests/" + forest.id()), edit).with(ADMIN)).andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.currentVersion").value(forest.version() + 1))
                .andExpect(jsonPath("$.detail", Matchers.allOf(Matchers.containsString("changed by someone else"),
                        Matchers.containsString("Nothing was saved"), Matchers.containsString("LDAPS ldaps://dc02.fabrikam.com:636"))));
        assertThat(forests.findById(forest.id()).orElseThrow().ldapsEndpoint()).isEqualTo("ldaps://dc02.fabrikam.com:636");
        // sending the current version is a deliberate overwrite
        edit.put("version", forest.version() + 1);
        mvc.perform(write(put("/api/topology/forests/" + forest.id()), edit).with(ADMIN)).andExpect(status().isOk())
                .andExpect(jsonPath("$.ldapsEndpoint").value("ldaps://dc03.fabrikam.com:636"));
        // an update that does not say which version it replaces is refused
        edit.remove("version");
        mvc.perform(write(put("/api/topology/forests/" + forest.id()), edit).with(ADMIN)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("version"));
        // what a GET answers can be edited and sent back as it is (extra read-only fields are ignored)
        String east = mvc.perform(get("/api/topology/sites").with(ADMIN)).andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> match = JsonPath.read(east, "$[?(@.name == 'East')]");
        Map<String, Object> site = new java.util.HashMap<>(match.get(0));
        site.put("name", "East-1");
        mvc.perform(write(put("/api/topology/sites/" + site.get("id")), site).with(ADMIN)).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("East-1")).andExpect(jsonPath("$.version").value(1));
        mvc.perform(write(put("/api/topology/forests/9999"), Map.of("version", 0)).with(ADMIN)).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM));
    }

    @Test
    @Order(4)
    void deletionsKeepReferentialIntegrityAndOptimisticLocking() throws Exception {
        ExchangeServer ex1 = servers.findByFqdnIgnoreCase("ex01.fabrikam.com").orElseThrow();
        Forest forest = forests.findByDnsNameIgnoreCase("fabrikam.com").orElseThrow();
        mvc.perform(delete("/api/topology/forests/" + forest.id()).param("version", forest.version().toString()).with(csrf()).with(ADMIN))
                .andExpect(status().isConflict()).andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.title").value("Still in use"))
                .andExpect(jsonPath("$.detail").value("Forest fabrikam.com still has 2 sites and 1 ASA account; delete them first."));
        mvc.perform(delete("/api/topology/servers/" + ex1.id()).param("version", ex1.version().toString()).with(csrf()).with(ADMIN))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail", Matchers.containsString("ex01.fabrikam.com")));
        mvc.perform(delete("/api/topology/forests/" + forest.id()).with(csrf()).with(ADMIN)).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM));

        long ns = create("namespaces", Map.of("fqdn", "legacy.fabrikam.com", "scope", "EXTERNAL", "services", List.of("OUTLOOK_ANYWHERE"),
                "siteId", ex1.siteId(), "serverIds", List.of(ex1.id())));
        mvc.perform(delete("/api/topology/namespaces/" + ns).param("version", "7").with(csrf()).with(ADMIN))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail", Matchers.containsString("Namespace legacy.fabrikam.com")));
        mvc.perform(delete("/api/topology/namespaces/" + ns).param("version", "0").with(csrf()).with(HELPDESK))
                .andExpect(status().isForbidden());
        mvc.perform(delete("/api/topology/namespaces/" + ns).param("version", "0").with(csrf()).with(ADMIN))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/topology/namespaces/" + ns).with(ADMIN)).andExpect(status().isNotFound());
    }

    @Test
    @Order(5)
    void helpdeskAndApproversReadButCannotWriteAndStrangersAreToldToSignIn() throws Exception {
        long before = forests.count();
        Map<String, Object> forest = Map.of("dnsName", "tailspin.com", "netbiosName", "TAILSPIN", "ldapsEndpoint",
                "ldaps://dc01.tailspin.com:636", "globalCatalogEndpoint", "ldaps://dc01.tailspin.com:3269",
                "asaOu", "OU=Service Accounts,DC=tailspin,DC=com");
        for (RequestPostProcessor reader : List.of(HELPDESK, APPROVER)) {
            mvc.perform(get("/api/topology/forests").with(reader)).andExpect(status().isOk());
            mvc.perform(write(post("/api/topology/forests"), forest).with(reader)).andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                    .andExpect(jsonPath("$.detail", Matchers.containsString("may read this but not change it")));
            mvc.perform(write(put("/api/topology/forests/1"), Map.of("version", 0)).with(reader)).andExpect(status().isForbidden());
        }
        mvc.perform(get("/api/topology/forests")).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM));
        mvc.perform(write(post("/api/topology/forests"), forest)).andExpect(status().isUnauthorized());
        assertThat(forests.count()).isEqualTo(before);
    }

    @Test
    @Order(6)
    void writesNeedTheSessionsCsrfTokenWhichTheApiHandsOut() throws Exception {
        Map<String, Object> site = Map.of("forestId", forests.findByDnsNameIgnoreCase("fabrikam.com").orElseThrow().id(), "name", "North");
        mvc.perform(post("/api/topology/sites").contentType(MediaType.APPLICATION_JSON).content(json(site)).with(ADMIN))
                .andExpect(status().isForbidden()).andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.detail", Matchers.containsString("X-CSRF-TOKEN")));

        MockHttpSession session = new MockHttpSession();
        String answer = mvc.perform(get("/api/csrf").session(session).with(ADMIN)).andExpect(status().isOk())
                .andExpect(jsonPath("$.headerName").value("X-CSRF-TOKEN")).andReturn().getResponse().getContentAsString();
        String token = JsonPath.read(answer, "$.token");
        mvc.perform(post("/api/topology/sites").session(session).header("X-CSRF-TOKEN", token).contentType(MediaType.APPLICATION_JSON)
                .content(json(site)).with(ADMIN)).andExpect(status().isCreated()).andExpect(jsonPath("$.name").value("North"));
        mvc.perform(post("/api/topology/sites").session(session).header("X-CSRF-TOKEN", "forged").contentType(MediaType.APPLICATION_JSON)
                .content(json(site)).with(ADMIN)).andExpect(status().isForbidden());
    }

    @Test
    @Order(7)
    void theOpenApiDescriptionListsEveryApiPathAndNoPage() throws Exception {
        String docs = mvc.perform(get("/v3/api-docs").with(HELPDESK)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Map<String, Object> paths = JsonPath.read(docs, "$.paths");
        for (String kind : List.of("forests", "sites", "asa-accounts", "servers", "cas-arrays", "namespaces")) {
            assertThat(paths).containsKeys("/api/topology/" + kind, "/api/topology/" + kind + "/{id}");
            assertThat(JsonPath.<Map<String, Object>>read(docs, "$.paths['/api/topology/" + kind + "/{id}']"))
                    .containsKeys("get", "put", "delete");
            assertThat(JsonPath.<Map<String, Object>>read(docs, "$.paths['/api/topology/" + kind + "']")).containsKeys("get", "post");
        }
        assertThat(paths).containsKeys("/api/plans", "/api/plans/current", "/api/plans/{number}", "/api/csrf");
        assertThat(paths.keySet()).allMatch(p -> p.startsWith("/api/"));
        assertThat(docs).contains("ForestForm").contains("NamespaceView");
    }

    // ---------------------------------------------------------------- helpers

    private long create(String kind, Map<String, ?> body) throws Exception {
        String answer = mvc.perform(write(post("/api/topology/" + kind), body).with(ADMIN))
                .andExpect(status().isCreated()).andExpect(header().exists("Location"))
                .andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(answer, "$.id")).longValue();
    }

    private static Map<String, Object> server(String fqdn, long site, Long asa) {
        Map<String, Object> server = new java.util.HashMap<>(Map.of("fqdn", fqdn, "siteId", site, "exchangeVersion", "EXCHANGE_2016",
                "operatingSystem", "WS2016", "winrmEndpoint", "https://" + fqdn + ":5986/wsman", "winrmAuth", "KERBEROS",
                "standby", false));
        server.put("asaAccountId", asa);
        return server;
    }

    private static MockHttpServletRequestBuilder write(MockHttpServletRequestBuilder request, Map<String, ?> body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(json(body)).with(csrf());
    }

    private static String json(Map<String, ?> body) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(body);
    }

    private static String message(List<Map<String, String>> errors, String field) {
        return errors.stream().filter(e -> field.equals(e.get("field"))).map(e -> e.get("message")).findFirst().orElseThrow();
    }
}
