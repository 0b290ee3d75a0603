package com.asaconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.asaconsole.ConsoleTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A search by a part of a target reads one window of the trail per page (no index serves "any part, any case"), so a
 * rare value never makes a page read the whole trail: the page says how far it searched and Older goes on.
 */
@ConsoleTest
@AutoConfigureMockMvc
@TestPropertySource(properties = "asa.audit.search-window=1000")
class AuditSearchWindowTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditTrail trail;

    @Test
    void aRareTargetIsFoundWindowByWindow() throws Exception {
        String needle = "needle-" + UUID.randomUUID().toString().substring(0, 6);
        trail.record(AuditEvent.of("topology.saved", "Server " + needle + ".contoso.test").by(Actor.SYSTEM));
        for (int i = 0; i < 1_200; i++) {
            trail.record(AuditEvent.of("test.hay", "hay " + i).by(Actor.SYSTEM));
        }
        String first = mvc.perform(get("/audit").param("target", needle.toUpperCase()).with(user("r").roles("APPROVER")))
                .andReturn().getResponse().getContentAsString();
        assertThat(first).doesNotContain("Server " + needle).contains("This page searched the records down to #")
                .contains("No audit record matches.");
        Matcher older = Pattern.compile("href=\"(/audit\\?target=[^\"]+&amp;before=[0-9]+)\"\\s+rel=\"next\"").matcher(first);
        assertThat(older.find()).as("an Older link goes on below the window").isTrue();
        String second = mvc.perform(get(older.group(1).replace("&amp;", "&")).with(user("r").roles("APPROVER")))
                .andReturn().getResponse().getContentAsString();
        assertThat(second).contains("Server " + needle + ".contoso.test");
    }
}
