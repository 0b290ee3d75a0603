package com.asaconsole.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.asaconsole.ConsoleTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Every topology change and every stored plan version leaves an audit record naming who did it. */
@ConsoleTest
@AutoConfigureMockMvc
class TopologyAuditTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void modellingAndStoringAPlanAreRecorded() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        long before = jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM audit_record").query(Long.class).single();

        int version = new ModelledEstate(mvc, jdbc, tag).model2016("AUDASA$").storePlan();

        List<Map<String, Object>> records = jdbc.sql("SELECT action, target, actor_id FROM audit_record WHERE seq > :s ORDER BY seq")
                .param("s", before).query().listOfRows();
        assertThat(records).extracting(r -> r.get("action") + " " + r.get("target")).contains(
                "topology.saved Forest e" + tag + ".example", "topology.saved Site HQ", "topology.saved ASA account AUDASA$",
                "topology.saved Server cas-" + tag + ".contoso.test", "topology.saved Namespace mail-" + tag + ".contoso.test",
                "plan.saved plan version " + version);
        assertThat(records).allSatisfy(r -> assertThat(r.get("actor_id")).asString().endsWith("estate-admin"));
    }

    @Test
    void anEditIsRecordedAsBeforeAndAfterAndTheTrailShowsItLinked() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        new ModelledEstate(mvc, jdbc, tag).model2016("EDASA$");
        long id = jdbc.sql("SELECT id FROM ad_site WHERE name = 'HQ' ORDER BY id DESC").query(Long.class).list().get(0);
        long forest = jdbc.sql("SELECT forest_id FROM ad_site WHERE id = :id").param("id", id).query(Long.class).single();
        int version = jdbc.sql("SELECT version FROM ad_site WHERE id = :id").param("id", id).query(Integer.class).single();
        mvc.perform(post("/topology/sites/" + id).with(csrf()).with(user("editor-" + tag).roles("ADMIN")).param("forestId", Long.toString(forest))
                .param("name", "HQ-" + tag).param("version", Integer.toString(version))).andExpect(status().is3xxRedirection());

        String details = jdbc.sql("SELECT details FROM audit_record WHERE action = 'topology.saved' AND target = :t")
                .param("t", "Site HQ-" + tag).query(String.class).single();
        assertThat(details).contains("\"before\":\"name HQ\"").contains("\"after\":\"name HQ-" + tag + "\"");

        String page = mvc.perform(get("/audit").param("actor", "EDITOR-" + tag.toUpperCase()).with(user("r").roles("APPROVER")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<del>name HQ</del>").contains("<ins>name HQ-" + tag + "</ins>")
                .contains("<a href=\"/topology/sites\">Site HQ-" + tag + "</a>");
    }

    @Test
    void csvImportsAreRecordedAndTheirErrorsComeInLineOrderWithTheRightSeparatorAdvice() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        new ModelledEstate(mvc, jdbc, tag).model2016("CSVASA$");
        String page = mvc.perform(post("/topology/namespaces/import").with(csrf()).with(user("importer").roles("ADMIN"))
                .param("csv", "fqdn,scope,services,site,servers\n"
                        + "a-" + tag + ".contoso.test,INTERNAL,EWS,NoSuchSite,\n"
                        + "b-" + tag + ".contoso.test;INTERNAL;EWS;HQ;cas-" + tag + ".contoso.test\n"
                        + "c-" + tag + ".contoso.test,INTERNAL,EWS,OAB,HQ,cas-" + tag + ".contoso.test\n"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        int line2 = page.indexOf("Line 2");
        int line3 = page.indexOf("Line 3");
        int line4 = page.indexOf("Line 4");
        assertThat(line2).as("errors in the order of their lines").isPositive().isLessThan(line3);
        assertThat(line3).isLessThan(line4);
        assertThat(page).contains("This row separates its values with ; but the columns are separated by commas")
                .contains("Several services or servers inside one column are separated by ; (a comma starts a new column).");
        assertThat(jdbc.sql("SELECT outcome FROM audit_record WHERE action = 'topology.imported' AND actor_id = 'user:importer'")
                .query(String.class).list()).containsExactly("REFUSED");

        mvc.perform(post("/topology/namespaces/import").with(csrf()).with(user("importer2").roles("ADMIN"))
                .param("csv", "d-" + tag + ".contoso.test,INTERNAL,EWS;OAB,e" + tag + ".example/HQ,cas-" + tag + ".contoso.test\n"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("SELECT outcome || ' ' || details FROM audit_record WHERE action = 'topology.imported' "
                + "AND actor_id = 'user:importer2'").query(String.class).single()).startsWith("SUCCESS")
                .contains("\"count\":\"1\"").contains("d-" + tag + ".contoso.test");
    }
}
