package com.asaconsole.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.asaconsole.AsaConsoleApplication;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import tools.jackson.databind.json.JsonMapper;

/**
 * Every form and API body the console accepts, found from its own handler mappings (a new one is
 * fuzzed without being listed here), sent thousands of hostile inputs: control, bidi and invisible
 * characters, markup, SQL and template fragments, formula cells, very long values, numbers where
 * names go and names where numbers go, floats for ids, deep nesting, broken and huge JSON. The
 * console must answer every one without a 5xx, and a refused request must leave every table as it
 * was (nothing half-saved). One user with all three roles, so every handler's own checks run.
 */
class HostileInputFuzzTest {

    static final List<String> FIELDS = List.of("dnsName", "netbiosName", "ldapsEndpoint", "globalCatalogEndpoint", "asaOu",
            "credentialRef", "version", "forestId", "name", "samAccountName", "kind", "ou", "encryptionTypes", "passwordNeverExpires",
            "rotationDays", "fqdn", "siteId", "exchangeVersion", "operatingSystem", "winrmEndpoint", "winrmAuth", "standby",
            "asaAccountId", "memberIds", "scope", "services", "serverIds", "csv", "forest", "ldapsUrl", "globalCatalogUrl", "baseDn",
            "bindPrincipal", "bindPassword", "trustedCertificatePem", "probePrincipal", "probePassword", "planVersion", "steps",
            "members", "contentHash", "comment", "username", "password", "q", "page", "size", "before", "actor", "action", "target",
            "change", "from", "to", "versionsPage");

    /** Tables whose rows a refused sign-in may add (the audit trail records failed sign-ins). */
    static final Set<String> AUDIT = Set.of("AUDIT_RECORD", "AUDIT_CHAIN_HEAD", "AUDIT_CHECKPOINT", "EVENT_PUBLICATION");

    static ConfigurableApplicationContext console;
    static MockMvc mvc;
    static DataSource dataSource;
    static List<Endpoint> endpoints;
    static int port;
    static final AtomicInteger sent = new AtomicInteger();
    static final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    record Endpoint(HttpMethod method, String pattern) {
        boolean json() {
            return pattern.startsWith("/api/") && (method == HttpMethod.POST || method == HttpMethod.PUT);
        }
    }

    @BeforeContainer
    static void start() throws Exception {
        console = new SpringApplicationBuilder(AsaConsoleApplication.class).profiles("test")
                .properties("server.port=0", "asa.executor.enabled=false", "logging.file.name=target/test-logs/fuzz.json",
                        "spring.datasource.url=jdbc:h2:mem:fuzz-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .run();
        port = Integer.parseInt(console.getEnvironment().getProperty("local.server.port"));
        mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) console)
                .apply(SecurityMockMvcConfigurers.springSecurity()).build();
        dataSource = console.getBean(DataSource.class);
        endpoints = new ArrayList<>();
        for (RequestMappingInfoHandlerMapping mapping : console.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                for (String pattern : info.getPatternValues()) {
                    for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                        // GETs are fuzzed through their query parameters too; logout only ends the fuzzer's session
                        if (!pattern.startsWith("/actuator") && !pattern.equals("/logout") && !pattern.startsWith("/swagger")
                                && !pattern.startsWith("/v3/")) {
                            endpoints.add(new Endpoint(method.asHttpMethod(), pattern));
                        }
                    }
                }
            }
        }
        endpoints.sort(java.util.Comparator.comparing(Endpoint::pattern).thenComparing(e -> e.method().name()));
        seed();
    }

    /** A small estate, a stored plan and a change, so ids 1 and 2 lead somewhere. */
    static void seed() throws Exception {
        json("/api/topology/forests", "{\"dnsName\":\"contoso.test\",\"netbiosName\":\"CONTOSO\",\"ldapsEndpoint\":\"ldaps://dc1.contoso.test\","
                + "\"globalCatalogEndpoint\":\"ldaps://dc1.contoso.test:3269\",\"asaOu\":\"OU=Service Accounts,DC=contoso,DC=test\"}");
        json("/api/topology/sites", "{\"forestId\":1,\"name\":\"Site1\"}");
        json("/api/topology/asa-accounts", "{\"forestId\":1,\"samAccountName\":\"EXCH-ASA$\",\"kind\":\"COMPUTER\","
                + "\"ou\":\"OU=Service Accounts,DC=contoso,DC=test\",\"rotationDays\":21}");
        json("/api/topology/servers", "{\"fqdn\":\"ex1.contoso.test\",\"siteId\":1,\"exchangeVersion\":\"EXCHANGE_2016\","
                + "\"operatingSystem\":\"WS2016\",\"winrmEndpoint\":\"https://ex1.contoso.test:5986/wsman\",\"winrmAuth\":\"KERBEROS\",\"asaAccountId\":1}");
        json("/api/topology/namespaces", "{\"fqdn\":\"mail.contoso.test\",\"scope\":\"BOTH\",\"services\":[\"EWS\"],\"siteId\":1,\"serverIds\":[1]}");
        mvc.perform(MockMvcRequestBuilders.post("/plans").with(csrf()).with(everyone()));
        mvc.perform(MockMvcRequestBuilders.post("/changes").param("planVersion", "1").with(csrf()).with(everyone()));
        mvc.perform(MockMvcRequestBuilders.post("/admin/directory").with(csrf()).with(everyone()).param("forest", "contoso.test")
                .param("ldapsUrl", "ldaps://127.0.0.1:1").param("globalCatalogUrl", "ldaps://127.0.0.1:1").param("baseDn", "DC=contoso,DC=test")
                .param("bindPrincipal", "svc@contoso.test").param("bindPassword", "Fuzz-Bind-Pw-1").param("trustedCertificatePem", "x"));
    }

    static void json(String path, String body) throws Exception {
        int status = mvc.perform(MockMvcRequestBuilders.post(path).with(csrf()).with(everyone()).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andReturn().getResponse().getStatus();
        assertThat(status).as(path).isEqualTo(201);
    }

    static org.springframework.test.web.servlet.request.RequestPostProcessor everyone() {
        return user("fuzzer").roles("ADMIN", "APPROVER", "HELPDESK");
    }

    @AfterContainer
    static void stop() {
        System.out.printf("[fuzz] %d hostile requests to %d endpoints, %d failures%n", sent.get(), endpoints.size(), failures.size());
        new TreeSet<>(failures.stream().map(f -> f.length() > 300 ? f.substring(0, 300) : f).toList())
                .forEach(f -> System.out.println("[fuzz] " + f));
        if (console != null) {
            console.close();
        }
    }

    // ------------------------------------------------------------------ properties

    @Property(tries = 2500)
    void hostileFormsAndQueriesNever5xxAndNeverHalfSave(@ForAll("endpoint") Endpoint endpoint, @ForAll("pathValue") String id,
            @ForAll("fields") Map<String, List<String>> fields) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(endpoint.method(), path(endpoint, id));
        fields.forEach((name, values) -> request.param(name, values.toArray(String[]::new)));
        send(endpoint, request);
    }

    @Property(tries = 2500)
    void hostileJsonBodiesNever5xxAndNeverHalfSave(@ForAll("jsonEndpoint") Endpoint endpoint, @ForAll("pathValue") String id,
            @ForAll("jsonBody") String body) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(endpoint.method(), path(endpoint, id))
                .contentType(MediaType.APPLICATION_JSON).content(body.getBytes(StandardCharsets.UTF_8));
        send(endpoint, request);
    }

    @Property(tries = 8)
    void hugeAndEndlesslyNestedBodiesAreRefusedAtTheDoor(@ForAll("jsonEndpoint") Endpoint endpoint) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String huge = "{\"fqdn\":\"" + "a".repeat(3 * 1024 * 1024) + "\"}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path(endpoint, "1")))
                .method(endpoint.method().name(), HttpRequest.BodyPublishers.ofString(huge)).header("Content-Type", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("3 MB body to " + endpoint).isEqualTo(413);
        String nested = "[".repeat(100_000) + "]".repeat(100_000);
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(endpoint.method(), path(endpoint, "1"))
                .contentType(MediaType.APPLICATION_JSON).content(nested);
        send(endpoint, request);
    }

    private static void send(Endpoint endpoint, MockHttpServletRequestBuilder request) throws Exception {
        request.with(everyone());
        if (endpoint.method() != HttpMethod.GET) {
            request.with(csrf());
        }
        Map<String, Long> before = counts();
        MockHttpServletResponse response;
        try {
            response = mvc.perform(request).andReturn().getResponse();
        } catch (Exception e) {
            failures.add(endpoint + " threw " + e);
            throw e;
        }
        sent.incrementAndGet();
        int status = response.getStatus();
        assertThat(status).as(endpoint + " answered " + status + ": " + abbreviate(response.getContentAsString())).isLessThan(500);
        boolean refused = status >= 400 || response.getContentAsString().contains("field-error")
                || response.getContentAsString().contains("class=\"row-errors\"");
        if (refused) {
            Map<String, Long> after = counts();
            if (endpoint.pattern().equals("/login")) {
                AUDIT.forEach(t -> {
                    before.remove(t);
                    after.remove(t);
                });
            }
            assertThat(after).as("tables after a refused " + endpoint + " (" + status + ")").isEqualTo(before);
        }
    }

    private static URI path(Endpoint endpoint, String id) {
        return URI.create(endpoint.pattern().replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(encodePath(id))));
    }

    private static String encodePath(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Map<String, Long> counts() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            Set<String> tables = new TreeSet<>();
            try (ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] { "TABLE" })) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Endpoint> endpoint() {
        return Arbitraries.of(endpoints);
    }

    @Provide
    Arbitrary<Endpoint> jsonEndpoint() {
        return Arbitraries.of(endpoints.stream().filter(Endpoint::json).toList());
    }

    @Provide
    Arbitrary<String> pathValue() {
        return Arbitraries.frequencyOf(Tuple(6, Arbitraries.of("1", "2", "contoso.test", "admin", "create-account", "verify")),
                Tuple(4, hostile()));
    }

    @Provide
    Arbitrary<Map<String, List<String>>> fields() {
        return Arbitraries.maps(Arbitraries.of(FIELDS), value().list().ofMinSize(1).ofMaxSize(3)).ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> jsonBody() {
        JsonMapper json = JsonMapper.builder().build();
        Arbitrary<String> objects = Arbitraries.maps(Arbitraries.of(FIELDS), jsonValue(3)).ofMaxSize(14)
                .map(m -> json.writeValueAsString(m));
        Arbitrary<String> broken = Arbitraries.of("", "{", "}", "[]", "null", "1", "\"x\"", "{\"fqdn\":", "{\"fqdn\":\"a\"}garbage",
                "{'fqdn':'a'}", "{\"fqdn\":\"\\ud800\"}", "{\"siteId\":1e400}", "{\"siteId\":-0}", "{\"version\":99999999999999999999}",
                "\u0000", "\uFEFF{}", "[" .repeat(600) + "]".repeat(600));
        return Arbitraries.frequencyOf(Tuple(8, objects), Tuple(2, broken), Tuple(1, hostile()));
    }

    private static Arbitrary<Object> jsonValue(int depth) {
        List<net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends Object>>> choices = new ArrayList<>(List.of(
                Tuple(5, value()), Tuple(2, Arbitraries.longs()), Tuple(1, Arbitraries.doubles()), Tuple(1, Arbitraries.of(true, false)),
                Tuple(1, Arbitraries.of(1.5, -1, 0, Long.MAX_VALUE, Integer.MIN_VALUE, 1e308, 2)),
                Tuple(1, Arbitraries.just((Object) null).map(x -> (Object) null))));
        if (depth > 0) {
            choices.add(Tuple(1, jsonValue(depth - 1).list().ofMaxSize(5)));
            choices.add(Tuple(1, Arbitraries.maps(Arbitraries.of(FIELDS), jsonValue(depth - 1)).ofMaxSize(4)));
        }
        @SuppressWarnings({ "unchecked", "rawtypes" })
        Arbitrary<Object> one = (Arbitrary) Arbitraries.frequencyOf(choices.toArray(net.jqwik.api.Tuple.Tuple2[]::new));
        return one;
    }

    /** Values that are sometimes right (to reach deeper code) and often hostile. */
    static Arbitrary<String> value() {
        return Arbitraries.frequencyOf(Tuple(4, Arbitraries.of("contoso.test", "CONTOSO", "ldaps://dc1.contoso.test", "1", "2", "0",
                "OU=Service Accounts,DC=contoso,DC=test", "EXCHANGE_2016", "WS2016", "KERBEROS", "BOTH", "EWS", "COMPUTER", "21", "24",
                "true", "ex1.contoso.test", "https://ex1.contoso.test:5986/wsman", "Site1", "EXCH-ASA$", "create-account", "admin",
                "2026-11-25T10:00", "http/mail.contoso.test")), Tuple(6, hostile()));
    }

    static Arbitrary<String> hostile() {
        Arbitrary<String> fixed = Arbitraries.of("", " ", "\u0000", "a\u0000b", "\u202Eadmin", "adm\u0131n", "\u200B", "\uFEFF",
                "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' OR '1'='1", "'; DROP TABLE forest; --", "${7*7}",
                "#{7*7}", "[[${7*7}]]", "__${T(java.lang.Runtime).getRuntime()}__::.x", "../../../etc/passwd", "%00", "%2e%2e%2f",
                "=HYPERLINK(\"http://evil\",\"x\")", "@SUM(1)", "+1", "-1", "1.5", "1e400", "NaN", "Infinity", "9223372036854775808",
                "-9223372036854775809", "0x1F", "\ud800", "\udfff", "😀", "\r\n\r\nX-Injected: 1", "*)(cn=*", ")(|(objectClass=*",
                "ldaps://evil.test:99999", "ldaps://127.0.0.1:0", "https://x:65536/", "CN=a,DC=b\u0000", "null", "undefined", "true",
                "[]", "{}", "\\", "\\\\server\\share", "a".repeat(300), "b".repeat(5_000));
        Arbitrary<String> random = Arbitraries.strings().all().ofMaxLength(80);
        Arbitrary<String> longRandom = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(200).ofMaxLength(20_000);
        return Arbitraries.frequencyOf(Tuple(5, fixed), Tuple(4, random), Tuple(1, longRandom));
    }

    private static <T> net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends T>> Tuple(int weight, Arbitrary<? extends T> arbitrary) {
        return net.jqwik.api.Tuple.of(weight, arbitrary);
    }
}
