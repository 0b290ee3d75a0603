package com.asaconsole.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.asaconsole.ConsoleTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;

/** The first start makes exactly one local admin, stores only a hash, and shows a generated password once. */
@ConsoleTest
@Transactional
class BootstrapAdminTest {

    @Autowired
    LocalAccountRepository accounts;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theConfiguredPasswordIsStoredOnlyAsAHash() {
        String hash = jdbc.queryForObject("SELECT password_hash FROM local_account WHERE username = 'admin'", String.class);
        assertThat(hash).startsWith("{bcrypt}").doesNotContain(ConsoleTest.BOOTSTRAP_PASSWORD);
        assertThat(encoder.matches(ConsoleTest.BOOTSTRAP_PASSWORD, hash)).isTrue();
        assertThat(jdbc.queryForObject("SELECT roles FROM local_account WHERE username = 'admin'", String.class))
                .isEqualTo("ADMIN");
    }

    @Test
    void withoutAConfiguredPasswordOneIsGeneratedAndPrintedOnceButNeverLogged() throws Exception {
        jdbc.update("DELETE FROM local_account");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BootstrapAdmin bootstrap = new BootstrapAdmin(accounts, encoder, properties(), Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        bootstrap.run(null);
        bootstrap.run(null);

        String printed = out.toString(StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("sign in as 'first-admin' with password (\\S+)").matcher(printed);
        assertThat(m.find()).as("the generated password is shown").isTrue();
        String password = m.group(1);
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(m.find()).as("shown once only").isFalse();
        assertThat(accounts.count()).isEqualTo(1);
        LocalAccount admin = accounts.findByUsernameIgnoreCase("FIRST-ADMIN").orElseThrow();
        assertThat(encoder.matches(password, admin.passwordHash())).isTrue();
        assertThat(admin.roleSet()).containsExactly(Role.ADMIN);

        Path log = Path.of("target/test-logs/asa-console.json");
        assertThat(log).exists();
        assertThat(Files.readString(log)).contains("Created the bootstrap local admin").doesNotContain(password);
    }

    private static IdentityProperties properties() {
        return new IdentityProperties(new IdentityProperties.BootstrapAdmin("first-admin", ""), Duration.ofHours(12),
                new IdentityProperties.LoginThrottle(3, Duration.ofSeconds(2), Duration.ofMinutes(15), Duration.ofMinutes(15)),
                new IdentityProperties.Directory(null, java.util.Map.of(), Duration.ofMinutes(5), null, null));
    }
}
