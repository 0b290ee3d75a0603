package com.asaconsole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.PostgresLab;
import com.asaconsole.lab.cas.LabCertificates;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docker-compose.yml can't be run here (no Docker engine), so this keeps it honest: every variable
 * it gives the console is a real setting, its database settings match the PostgreSQL service, it
 * publishes HTTPS only, and the console really starts with exactly that environment against a
 * real PostgreSQL and answers over TLS with Secure cookies and HSTS, and not over plain HTTP.
 */
@ExtendWith(PostgresLab.class)
@LabTest
class ComposeConsistencyTest {

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z_]+)(?::?[-?][^}]*)?}");

    @SuppressWarnings("unchecked")
    private final Map<String, Object> compose = (Map<String, Object>) load(Path.of("docker-compose.yml"));

    @Test
    void everyConsoleVariableIsAKnownSetting() throws IOException {
        Set<String> known = knownProperties();
        assertThat(known).as("configuration metadata was found").contains("spring.datasource.url", "asa.identity.bootstrap-admin.password",
                "asa.secrets.key");
        Set<String> knownCanonical = new HashSet<>();
        known.forEach(name -> knownCanonical.add(canonical(name)));
        for (String variable : consoleEnvironment().keySet()) {
            assertThat(knownCanonical).as(variable + " maps to no configuration property of the console").contains(canonical(variable));
        }
    }

    @Test
    void theDatabaseSettingsMatchThePostgresService() {
        Map<String, String> console = consoleEnvironment();
        Map<String, String> postgres = environment("postgres");
        assertThat(console.get("SPRING_PROFILES_ACTIVE")).isEqualTo("postgres");
        assertThat(getClass().getResource("/application-postgres.yml")).as("the postgres profile exists").isNotNull();
        assertThat(console.get("SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
        assertThat(console.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(variablesIn(console.get("SPRING_DATASOURCE_PASSWORD"))).isEqualTo(variablesIn(postgres.get("POSTGRES_PASSWORD")));
        assertThat(service("console").get("ports").toString()).as("HTTPS only").isEqualTo("[8443:8443]");
        assertThat(console.get("SERVER_PORT")).isEqualTo("8443");
        assertThat(console.get("SERVER_SSL_ENABLED")).isEqualTo("true");
        assertThat(service("console").get("volumes").toString()).contains("./tls/console.p12:" + console.get("SERVER_SSL_KEYSTORE") + ":ro");
        assertThat(service("console").get("command").toString()).contains("-XX:+ExitOnOutOfMemoryError").contains("umask 077");
        assertThat(service("console").get("volumes").toString()).contains("./target/asa-console.jar");
        assertThat(Path.of("pom.xml")).content().contains("<finalName>asa-console</finalName>");
    }

    @Test
    void theConsoleStartsWithExactlyThatEnvironment() throws Exception {
        Map<String, Object> env = new HashMap<>(consoleEnvironment());
        env.put("SPRING_DATASOURCE_URL", PostgresLab.server().jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", PostgresLab.server().username());
        env.put("SPRING_DATASOURCE_PASSWORD", "");
        env.put("ASA_IDENTITY_BOOTSTRAPADMIN_PASSWORD", "Compose-Check-Pw-1");
        env.put("ASA_SECRETS_KEY", "Y29tcG9zZS1jaGVjay1rZXktMDEyMzQ1Njc4OWFiY2Q=");
        env.put("ASA_AUDIT_CHECKPOINTKEY", "Y29tcG9zZS1jaGVjay1jaGVja3BvaW50LWtleS0wMTI=");
        // logging is one per JVM: keep it where the other tests expect it, and plain on the console
        env.put("LOGGING_FILE_NAME", "target/test-logs/asa-console.json");
        env.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "");
        env.put("SERVER_PORT", "0");
        // the key store compose mounts from ./tls: here the lab's server certificate (mail.contoso.test), issued by the lab CA
        env.put("SERVER_SSL_KEYSTORE", LabCertificates.get().serverKeyStore().toString());
        env.put("SERVER_SSL_KEYSTOREPASSWORD", LabCertificates.get().serverKeyStorePassword());
        StandardEnvironment environment = new StandardEnvironment();
        // named as Boot names the real environment, so that its relaxed names (SERVER_SSL_KEYSTORE) bind as in a container
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                "compose-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        try (ConfigurableApplicationContext console = new SpringApplicationBuilder(AsaConsoleApplication.class)
                .environment(environment).run()) {
            int port = Integer.parseInt(console.getEnvironment().getProperty("local.server.port"));
            HttpClient https = HttpClient.newBuilder().sslContext(LabCertificates.get().clientTls()).build();
            HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create("https://mail.contoso.test:" + port + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.headers().firstValue("Set-Cookie").orElse("")).contains("Secure").contains("HttpOnly");
            assertThat(login.headers().firstValue("Strict-Transport-Security").orElse("")).contains("max-age=");
            HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://mail.contoso.test:" + port + "/login")).timeout(java.time.Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).as("no plain HTTP where AD passwords are typed").isEqualTo(400);
            assertThat(plain.body()).doesNotContain("password").contains("TLS");
            DataSource dataSource = console.getBean(DataSource.class);
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT username FROM local_account")) {
                assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("admin");
            }
            assertThat(console.getEnvironment().getActiveProfiles()).containsExactly("postgres");
        }
    }

    private static Set<String> knownProperties() throws IOException {
        Set<String> names = new HashSet<>();
        JsonMapper json = JsonMapper.builder().build();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:META-INF/spring-configuration-metadata.json")) {
            try (InputStream in = r.getInputStream()) {
                JsonNode properties = json.readTree(in).path("properties");
                properties.forEach(p -> names.add(p.path("name").asString()));
            }
        }
        return names;
    }

    /** Spring's relaxed binding: SPRING_DATASOURCE_URL and spring.datasource.url are the same setting. */
    private static String canonical(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }

    private static Set<String> variablesIn(String value) {
        Set<String> vars = new HashSet<>();
        Matcher m = INTERPOLATION.matcher(value);
        while (m.find()) {
            vars.add(m.group(1));
        }
        return vars;
    }

    private Map<String, String> consoleEnvironment() {
        return environment("console");
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> environment(String name) {
        Map<String, String> env = new HashMap<>();
        ((Map<String, Object>) service(name).get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> service(String name) {
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    private static Object load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

}
