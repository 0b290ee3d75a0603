package com.asaconsole.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.asaconsole.ConsoleTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** What a load balancer and an operator ask of a running console. */
@ConsoleTest
@AutoConfigureMockMvc
class OperationsEndpointsTest {

    @Autowired
    MockMvc mvc;

    @Test
    void livenessAndReadinessAnswerWithoutSignIn() throws Exception {
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
    }

    @Test
    void healthDetailsIncludingTheDatabaseAreForAdminsOnly() throws Exception {
        mvc.perform(get("/actuator/health").with(user("a").roles("ADMIN")))
                .andExpect(jsonPath("$.components.db.status").value("UP"));
        String anonymous = mvc.perform(get("/actuator/health")).andReturn().getResponse().getContentAsString();
        assertThat(anonymous).contains("\"status\":\"UP\"").doesNotContain("components");
    }

    @Test
    void theVersionPageNamesTheBuildAndTheDatabase() throws Exception {
        String page = mvc.perform(get("/about").with(user("h").roles("HELPDESK"))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("0.1.0-SNAPSHOT").contains("H2");
    }

    @Test
    void actuatorInfoGivesTheProductVersionOnlyAndOnlyToAdmins() throws Exception {
        String info = mvc.perform(get("/actuator/info").with(user("a").roles("ADMIN"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value("0.1.0-SNAPSHOT")).andReturn().getResponse().getContentAsString();
        assertThat(info).doesNotContain("java", "jvm", "os", "Linux", System.getProperty("java.version"), "build");
        mvc.perform(get("/actuator/info")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/actuator/info").with(user("h").roles("HELPDESK"))).andExpect(status().isForbidden());
    }
}
