package com.asaconsole.topology;

import static org.assertj.core.api.Assertions.assertThat;

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
}
