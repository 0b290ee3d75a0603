package com.asaconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import com.asaconsole.ConsoleTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * What a reviewer types finds what they mean: actor and target match any part in any case ("admin" finds
 * "Bootstrap administrator"), the action picker offers groups (change.*), a change number finds exactly that change,
 * LIKE's own characters are taken literally, and the export holds exactly the rows the page lists.
 */
@ConsoleTest
@AutoConfigureMockMvc
class AuditFiltersTest {

    static final RequestPostProcessor REVIEWER = user("reviewer").roles("APPROVER");

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditTrail trail;

    @Test
    void actorAndTargetMatchAnyPartInAnyCaseAndGroupsAndChangeNumbersWork() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Actor admin = new Actor("local:9" + tag.hashCode(), "Bootstrap Administrator " + tag);
        long n = 900_000 + new java.util.Random().nextInt(90_000);
        trail.record(AuditEvent.of("change.submitted", "change 7 (plan version 1) " + tag).by(admin).withCorrelation("change-" + n));
        trail.record(AuditEvent.of("change.approved", "change 70 (plan version 2) " + tag).by(admin).withCorrelation("change-" + n + "0"));
        trail.record(AuditEvent.of("topology.saved", "Namespace MAIL-" + tag + ".contoso.com").by(admin));
        trail.record(AuditEvent.of("topology.saved", "Namespace 100%_" + tag).by(new Actor("local:other", "Someone else")));

        String byActor = page("actor", "ADMINISTRATOR " + tag.toUpperCase());
        assertThat(byActor).contains("change 7 (plan version 1) " + tag).contains("change 70 (plan version 2) " + tag)
                .contains("Namespace MAIL-" + tag).doesNotContain("100%_" + tag);
        assertThat(page("target", "mail-" + tag)).contains("Namespace MAIL-" + tag).doesNotContain("change 7 (");
        assertThat(page("target", "%_" + tag)).contains("Namespace 100%_" + tag).doesNotContain("MAIL-" + tag);
        assertThat(page("target", "_" + tag + ".contoso")).as("_ is not a wildcard").doesNotContain("MAIL-" + tag);

        String changes = mvc.perform(get("/audit").param("action", "change.*").param("target", tag).with(REVIEWER))
                .andReturn().getResponse().getContentAsString();
        assertThat(changes).contains("change 7 (plan version 1)").contains("change 70 (plan version 2)").doesNotContain("Namespace MAIL-");
        assertThat(changes).contains("<option value=\"change.*\" selected=\"selected\">Changes: all</option>");
        // the target of a change record links to the change
        assertThat(changes).contains("href=\"/changes/" + n + "\"");

        String exact = page("change", Long.toString(n));
        assertThat(exact).contains("change 7 (plan version 1)").doesNotContain("change 70 (plan version 2)");

        // the export holds exactly what the page lists
        MvcResult started = mvc.perform(get("/audit/export.csv").param("actor", "administrator " + tag).with(REVIEWER))
                .andExpect(request().asyncStarted()).andReturn();
        String csv = mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(csv.lines().filter(l -> l.contains(tag) && !l.contains("audit.export"))).hasSize(3);
    }

    private String page(String filter, String value) throws Exception {
        return mvc.perform(get("/audit").param(filter, value).with(REVIEWER)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }
}
