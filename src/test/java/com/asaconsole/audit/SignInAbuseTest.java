package com.asaconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.asaconsole.ConsoleTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * What a stranger can do to the trail without signing in: a flood of failed sign-ins is recorded
 * as the first failure and one counted record per name and address, typed names are stored
 * without control, bidi or invisible characters and capped, a look-alike name never signs in as
 * the account it imitates, and a name written as a spreadsheet formula is exported defused.
 */
@ConsoleTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { "asa.test.estate=sign-in-abuse", "asa.audit.sign-in-failure-window=1h" })
class SignInAbuseTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SignInFailures failures;

    @Autowired
    AuditVerifier verifier;

    @Test
    void aDotlessINameDoesNotSignInAsTheAccountItImitates() throws Exception {
        signIn("admın", ConsoleTest.BOOTSTRAP_PASSWORD, "10.20.0.1").andExpect(com.asaconsole.identity.TestAccounts.signInRefused());
        signIn("ADMİN", ConsoleTest.BOOTSTRAP_PASSWORD, "10.20.0.1").andExpect(com.asaconsole.identity.TestAccounts.signInRefused());
        signIn("ａdmin", ConsoleTest.BOOTSTRAP_PASSWORD, "10.20.0.9").andExpect(redirectedUrl("/"));

        List<Map<String, Object>> rows = jdbc.queryForList("SELECT target, outcome, details FROM audit_record "
                + "WHERE source_address = '10.20.0.1' ORDER BY seq");
        assertThat(rows).extracting(r -> r.get("OUTCOME")).containsOnly("FAILURE");
        assertThat(rows.get(0).get("DETAILS").toString()).contains("user name refused").contains("U+0131");
    }

    @Test
    void typedNamesAreStoredWithoutControlBidiOrInvisibleCharactersAndCapped() throws Exception {
        String hostile = "\u0000ev\u202Eil\u200B" + "x".repeat(500);
        signIn(hostile, "wrong", "10.20.0.2");
        Map<String, Object> row = jdbc.queryForMap("SELECT target, actor_name FROM audit_record WHERE source_address = '10.20.0.2'");
        String target = row.get("TARGET").toString();
        assertThat(target).startsWith("evilxxx").hasSizeLessThanOrEqualTo(100);
        assertThat(target.codePoints().filter(cp -> Character.getType(cp) == Character.CONTROL
                || Character.getType(cp) == Character.FORMAT)).isEmpty();
        assertThat(row.get("ACTOR_NAME").toString()).doesNotContain("\u0000", "\u202E", "\u200B");
    }

    @Test
    void aFloodOfFailedSignInsForOneNameIsOneRecordThenOneCountedRecord() throws Exception {
        int attempts = 1_000;
        for (int i = 0; i < attempts; i++) {
            signIn("flood-user", "wrong-" + i, "10.20.0.3");
        }
        assertThat(count("10.20.0.3")).as("only the first is written at once").isEqualTo(1);

        failures.flush(true);
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT outcome, details FROM audit_record "
                + "WHERE source_address = '10.20.0.3' ORDER BY seq");
        assertThat(rows).hasSize(2);
        String counted = rows.get(1).get("DETAILS").toString();
        assertThat(counted).contains("\"attempts\":\"" + (attempts - 1) + "\"");
        int failed = Integer.parseInt(counted.replaceAll(".*\"failed\":\"(\\d+)\".*", "$1"));
        int throttled = Integer.parseInt(counted.replaceAll(".*\"throttled\":\"(\\d+)\".*", "$1"));
        assertThat(failed + throttled).isEqualTo(attempts - 1);
        assertThat(throttled).as("the throttle refused most before any password check").isGreaterThan(attempts / 2);
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void anAddressTryingManyNamesAddsABoundedNumberOfRecords() throws Exception {
        int names = 300;
        for (int i = 0; i < names; i++) {
            signIn("spray-" + i, "wrong", "10.20.0.4");
        }
        failures.flush(true);
        int records = count("10.20.0.4");
        assertThat(records).isLessThanOrEqualTo(SignInFailures.MAX_NAMES_PER_ADDRESS + SignInFailures.MAX_NAMES_PER_ADDRESS + 1);
        String several = jdbc.queryForObject("SELECT details FROM audit_record WHERE source_address = '10.20.0.4' AND target = ?",
                String.class, SignInFailures.SEVERAL_NAMES);
        assertThat(several).contains("\"attempts\":\"" + (names - SignInFailures.MAX_NAMES_PER_ADDRESS) + "\"");
    }

    @Test
    void aNameWrittenAsAFormulaIsExportedDefusedAndTheExportStillVerifies() throws Exception {
        signIn("=HYPERLINK(\"http://evil.test\",\"x\")", "wrong", "10.20.0.5");
        String csv = export("/audit/export.csv");
        assertThat(csv).contains(",\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\",").doesNotContain(",\"=HYPERLINK");
        String json = export("/audit/export.json");
        assertThat(json).contains("\"target\":\"'=HYPERLINK(").doesNotContain("\"target\":\"=HYPERLINK");

        // removing the one added apostrophe gives the stored value, so the exported hashes still verify
        AuditRecord stored = jdbc.queryForObject("SELECT " + AuditRows.COLUMNS + " FROM audit_record WHERE source_address = '10.20.0.5'",
                (rs, n) -> AuditRows.map(rs));
        assertThat(com.asaconsole.formats.CsvCell.restored(com.asaconsole.formats.CsvCell.defused(stored.target()))).isEqualTo(stored.target());
        assertThat(com.asaconsole.formats.CsvCell.restored(com.asaconsole.formats.CsvCell.defused("'quoted"))).isEqualTo("'quoted");
        assertThat(ChainHash.of(stored)).isEqualTo(stored.hash());
    }

    private org.springframework.test.web.servlet.ResultActions signIn(String name, String password, String address) throws Exception {
        return mvc.perform(post("/login").with(csrf()).param("username", name).param("password", password).remoteAddress(address));
    }

    private int count(String address) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_record WHERE source_address = ?", Integer.class, address);
    }

    private String export(String path) throws Exception {
        MvcResult started = mvc.perform(get(path).with(user("r").roles("APPROVER")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.request().asyncStarted()).andReturn();
        return mvc.perform(asyncDispatch(started)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
