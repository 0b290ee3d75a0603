package com.asaconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.asaconsole.ConsoleTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Sign-ins in the trail, the reviewer's pages and API, the exports, fail-closed refusals and the command line. */
@ConsoleTest
@AutoConfigureMockMvc
class AuditPagesTest {

    static final RequestPostProcessor APPROVER = user("reviewer").roles("APPROVER");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuditTrail trail;

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void aSignInIsRecordedWithTheStableIdAndAddress() throws Exception {
        mvc.perform(post("/login").with(csrf()).param("username", "admin").param("password", ConsoleTest.BOOTSTRAP_PASSWORD)
                .remoteAddress("10.7.0.1")).andExpect(redirectedUrl("/"));

        Map<String, Object> row = jdbc.queryForMap("SELECT actor_id, actor_name, source_address, target, outcome FROM audit_record "
                + "WHERE action = 'sign-in' AND source_address = '10.7.0.1'");
        assertThat(row.get("actor_id").toString()).matches("local:\\d+");
        assertThat(row).containsEntry("actor_name", "Bootstrap administrator").containsEntry("target", "admin")
                .containsEntry("outcome", "SUCCESS");
    }

    @Test
    void aFailedSignInIsRecordedWithoutThePassword() throws Exception {
        mvc.perform(post("/login").with(csrf()).param("username", "admin").param("password", "Typed-Wrong-Secret-3")
                .remoteAddress("10.7.0.2")).andExpect(com.asaconsole.identity.TestAccounts.signInRefused());

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM audit_record WHERE source_address = '10.7.0.2'");
        assertThat(row).containsEntry("ACTION", "sign-in").containsEntry("OUTCOME", "FAILURE").containsEntry("ACTOR_ID", "anonymous")
                .containsEntry("TARGET", "admin");
        assertThat(row.values().toString()).doesNotContain("Typed-Wrong-Secret-3").contains("wrong user name or password");
    }

    @Test
    void aSignInThatCannotBeRecordedIsRefused() throws Exception {
        MvcResult result;
        jdbc.update("DELETE FROM audit_chain_head");
        try {
            result = mvc.perform(post("/login").with(csrf()).param("username", "admin")
                    .param("password", ConsoleTest.BOOTSTRAP_PASSWORD).remoteAddress("10.7.0.3"))
                    .andExpect(com.asaconsole.identity.TestAccounts.signInRefused()).andReturn();
        } finally {
            restoreHead();
        }
        assertThat(result.getRequest().getSession(false)).as("not signed in: no session").isNull();
        String page = com.asaconsole.identity.TestAccounts.pageAfter(mvc, result);
        assertThat(page).contains("the console cannot record it in the audit trail");
    }

    @Test
    void reviewersFilterAndPageByKeyset() throws Exception {
        for (int i = 1; i <= 60; i++) {
            trail.record(AuditEvent.of("test.paging", "paging-target").withDetail("n", i).by(new Actor("local:77", "Pat Paging")));
        }
        trail.record(AuditEvent.of("test.paging", "other-target"));

        String first = mvc.perform(get("/audit").param("action", "test.paging").param("target", "paging-target").with(APPROVER))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(first).contains("Audit trail").contains("Pat Paging").doesNotContain("other-target");
        assertThat(count(first, "<td>test.paging</td>")).isEqualTo(50);
        Matcher older = Pattern.compile("href=\"(/audit\\?[^\"]*before=(\\d+))\"").matcher(first);
        assertThat(older.find()).as("an Older link carrying the keyset").isTrue();
        String olderUrl = older.group(1).replace("&amp;", "&");
        assertThat(olderUrl).contains("action=test.paging").doesNotContain("page=").doesNotContain("offset");

        String second = mvc.perform(get(olderUrl).with(APPROVER).header("HX-Request", "true"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(second).as("the htmx partial has no layout").doesNotContain("<html").doesNotContain("site-nav")
                .contains("id=\"audit-results\"");
        assertThat(count(second, "<td>test.paging</td>")).isEqualTo(10);
        assertThat(second).contains("rel=\"first\"").doesNotContain("rel=\"next\"");

        String byActor = mvc.perform(get("/api/audit").param("actor", "local:77").with(APPROVER)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(byActor).contains("\"olderThan\":").contains("\"next\":\"/api/audit?actor=local:77&before=");
    }

    @Test
    void aBadTimeIsASentenceNotAnError() throws Exception {
        String page = mvc.perform(get("/audit").param("from", "yesterday").with(APPROVER)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("From is not a time like 2026-11-25T10:00 (UTC).");
        mvc.perform(get("/api/audit").param("to", "soon").with(APPROVER)).andExpect(status().isBadRequest());
    }

    @Test
    void theTimeRangeFilterIsUtc() throws Exception {
        AuditRecord r = trail.record(AuditEvent.of("test.time", "time-target"));
        String minute = r.occurredAt().toString().substring(0, 16);
        String inside = mvc.perform(get("/api/audit").param("target", "time-target").param("from", minute).with(APPROVER))
                .andReturn().getResponse().getContentAsString();
        String after = mvc.perform(get("/api/audit").param("target", "time-target").param("from", r.occurredAt().plusSeconds(120).toString())
                .with(APPROVER)).andReturn().getResponse().getContentAsString();
        assertThat(inside).contains("\"seq\":" + r.seq());
        assertThat(after).doesNotContain("\"seq\":" + r.seq());
    }

    @Test
    void exportsStreamEveryMatchingRecordAndAreThemselvesAudited() throws Exception {
        trail.record(AuditEvent.of("test.export", "export-target, with \"quotes\"").withCorrelation("change-42"));
        trail.record(AuditEvent.of("test.export", "export-target 2").withCorrelation("change-42"));

        String csv = exported("/audit/export.csv", "change-42");
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo(AuditExport.CSV_HEADER);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains(",test.export,\"export-target, with \"\"quotes\"\"\",SUCCESS,change-42,");

        String json = exported("/audit/export.json", "change-42");
        assertThat(json).startsWith("[").contains("\"target\":\"export-target, with \\\"quotes\\\"\"").contains("\"correlation\":\"change-42\"");

        List<Map<String, Object>> exports = jdbc.queryForList("SELECT actor_id, details FROM audit_record WHERE action = 'audit.export' "
                + "AND details LIKE '%change-42%' ORDER BY seq");
        assertThat(exports).hasSize(2);
        assertThat(exports.get(0).get("ACTOR_ID")).isEqualTo("user:reviewer");
        assertThat(exports.get(0).get("DETAILS").toString()).contains("\"format\":\"csv\"");
        assertThat(exports.get(1).get("DETAILS").toString()).contains("\"format\":\"json\"");
    }

    @Test
    void anExportThatCannotBeRecordedIsRefused() throws Exception {
        jdbc.update("DELETE FROM audit_chain_head");
        try {
            MvcResult r = mvc.perform(get("/audit/export.csv").with(APPROVER).accept("text/html")).andReturn();
            assertThat(r.getResponse().getStatus()).isEqualTo(503);
            assertThat(r.getRequest().isAsyncStarted()).as("no stream was started").isFalse();
            assertThat(r.getResponse().getContentAsString()).contains("cannot record it in the audit trail")
                    .doesNotContain(AuditExport.CSV_HEADER);
            mvc.perform(get("/audit/export.json").with(APPROVER).accept("application/json")).andExpect(status().isServiceUnavailable());
        } finally {
            restoreHead();
        }
    }

    @Test
    void theVerifierPageAndApiReportTheChain() throws Exception {
        trail.record(AuditEvent.of("test.verify", "v"));
        String page = mvc.perform(get("/audit/verify").with(APPROVER)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("The chain is intact");
        String api = mvc.perform(get("/api/audit/verify").with(user("admin2").roles("ADMIN"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(api).contains("\"intact\":true").contains("\"firstBadSeq\":null");
    }

    @Test
    void theVerifierPageNamesTheFirstBadRecord() throws Exception {
        AuditRecord r = trail.record(AuditEvent.of("test.tamper", "original target"));
        setTargetBypassingTheTrigger(r.seq(), "tampered target");
        try {
            String page = mvc.perform(get("/audit/verify").with(APPROVER)).andExpect(status().isOk()).andReturn().getResponse()
                    .getContentAsString();
            assertThat(page).contains("The chain is broken at record " + r.seq() + ". Record " + r.seq() + " was altered");
            assertThat(mvc.perform(get("/api/audit/verify").with(APPROVER)).andReturn().getResponse().getContentAsString())
                    .contains("\"intact\":false").contains("\"firstBadSeq\":" + r.seq());
        } finally {
            setTargetBypassingTheTrigger(r.seq(), "original target");
        }
        assertThat(mvc.perform(get("/audit/verify").with(APPROVER)).andReturn().getResponse().getContentAsString())
                .contains("The chain is intact");
    }

    private void setTargetBypassingTheTrigger(long seq, String target) {
        jdbc.execute("DROP TRIGGER audit_record_append_only");
        try {
            jdbc.update("UPDATE audit_record SET target = ? WHERE seq = ?", target, seq);
        } finally {
            jdbc.execute("CREATE TRIGGER audit_record_append_only BEFORE UPDATE, DELETE ON audit_record FOR EACH ROW CALL '"
                    + AppendOnlyTrigger.class.getName() + "'");
        }
    }

    @Test
    void theCommandLineVerifierExitsWithTheResult() throws Exception {
        AuditRecord last = trail.record(AuditEvent.of("test.cli", "cli"));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        String url = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getJdbcUrl();

        assertThat(AuditVerifyCommand.run(cli(url), out)).isEqualTo(AuditVerifyCommand.INTACT);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("audit-verify: INTACT");

        String wrongHash = "f".repeat(64);
        assertThat(AuditVerifyCommand.run(cli(url, "--audit-checkpoint=" + last.seq() + ":" + wrongHash), out))
                .isEqualTo(AuditVerifyCommand.BROKEN);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("BROKEN first-bad-record=" + last.seq());

        assertThat(AuditVerifyCommand.run(cli(url, "--audit-checkpoint=" + (last.seq() + 1000) + ":" + last.hash()), out))
                .isEqualTo(AuditVerifyCommand.BROKEN);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("were removed");

        assertThat(AuditVerifyCommand.run(cli(url, "--audit-checkpoint=nonsense"), out)).isEqualTo(AuditVerifyCommand.COULD_NOT_RUN);
    }

    private static String[] cli(String url, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--audit-verify", "--spring.profiles.active=test",
                "--spring.datasource.url=" + url));
        args.addAll(java.util.List.of(more));
        return args.toArray(String[]::new);
    }

    private String exported(String path, String change) throws Exception {
        MvcResult started = mvc.perform(get(path).param("change", change).with(APPROVER)).andExpect(request().asyncStarted())
                .andReturn();
        return mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private void restoreHead() {
        Long last = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) FROM audit_record", Long.class);
        String hash = last == 0 ? ChainHash.GENESIS : jdbc.queryForObject("SELECT hash FROM audit_record WHERE seq = ?", String.class, last);
        jdbc.update("INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, ?, ?)", last, hash);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
