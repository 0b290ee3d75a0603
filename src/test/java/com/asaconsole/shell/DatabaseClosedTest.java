package com.asaconsole.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import javax.sql.DataSource;

import com.asaconsole.ConsoleTest;
import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Honest health: when the database is closed under the console (H2 does this after an
 * OutOfMemoryError; here SHUTDOWN does it), readiness goes DOWN and says why, and pages and the API
 * answer 503 with the same sentence, instead of readiness UP and a 500 for every request.
 */
@ConsoleTest
@AutoConfigureMockMvc
@DirtiesContext
class DatabaseClosedTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    DataSource dataSource;

    @Test
    void aClosedDatabaseIsReadinessDownWithTheReasonAnd503Everywhere() throws Exception {
        assertThat(mvc.perform(get("/actuator/health/readiness")).andReturn().getResponse().getStatus()).isEqualTo(200);

        String url = dataSource.unwrap(HikariDataSource.class).getJdbcUrl();
        try (Connection c = DriverManager.getConnection(url, "asa", ""); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }

        MockHttpServletResponse readiness = mvc.perform(get("/actuator/health/readiness")).andReturn().getResponse();
        assertThat(readiness.getStatus()).isEqualTo(503);
        assertThat(readiness.getContentAsString()).contains("\"status\":\"DOWN\"").contains("database");
        assertThat(readiness.getContentAsString()).containsAnyOf("was closed", "none of the console's tables");
        assertThat(mvc.perform(get("/actuator/health/liveness")).andReturn().getResponse().getStatus())
                .as("the process itself lives; a restart, not a kill, is what it needs").isEqualTo(200);

        MockHttpServletResponse page = mvc.perform(get("/topology/servers").with(user("a").roles("ADMIN"))).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(503);
        // which sentence depends on the pool: a connection to the closed database, a new empty one, or none at all
        assertThat(page.getContentAsString()).containsAnyOf("was closed", "none of the console&#39;s tables",
                "cannot get a connection to its database");
        MockHttpServletResponse api = mvc.perform(get("/api/topology/servers").with(user("a").roles("ADMIN"))).andReturn()
                .getResponse();
        assertThat(api.getStatus()).isEqualTo(503);
        assertThat(api.getContentType()).startsWith("application/problem+json");
    }
}
