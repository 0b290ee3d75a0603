package com.asaconsole.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.asaconsole.ConsoleTest;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** The topology is offered from the real directory's forest and sites, and filled only when the admin confirms. */
@ExtendWith(SambaLab.class)
@ConsoleTest
@AutoConfigureMockMvc
@LabTest
class DiscoveryTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    DirectorySettings settings;

    @Autowired
    ForestRepository forests;

    @Autowired
    SiteRepository sites;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeEach
    void connection(SambaDc dc) {
        LabDirectory.connect(settings, dc);
    }

    @Test
    void theAdminSeesTheProposalAndConfirmsIt() throws Exception {
        forests.findByDnsNameIgnoreCase(SambaDc.DNS_DOMAIN).ifPresent(f -> {
            sites.findAll().stream().filter(s -> s.forestId().equals(f.id())).forEach(sites::delete);
            forests.delete(f);
        });
        String proposal = mvc.perform(get("/topology/discover").param("forest", SambaDc.DNS_DOMAIN).with(user("a").roles("ADMIN")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(proposal).contains("contoso.test (new)").contains("CONTOSO").contains("Default-First-Site-Name")
                .contains("CN=Computers,DC=contoso,DC=test");
        assertThat(forests.findByDnsNameIgnoreCase(SambaDc.DNS_DOMAIN)).as("nothing stored before confirming").isEmpty();

        mvc.perform(post("/topology/discover").with(csrf()).with(user("a").roles("ADMIN")).param("forest", SambaDc.DNS_DOMAIN)
                .param("site", "Default-First-Site-Name")).andExpect(redirectedUrl("/topology/sites"));

        Forest forest = forests.findByDnsNameIgnoreCase(SambaDc.DNS_DOMAIN).orElseThrow();
        assertThat(forest.netbiosName()).isEqualTo("CONTOSO");
        assertThat(forest.ldapsEndpoint()).isEqualTo("ldaps://dc1.contoso.test:636");
        assertThat(sites.findByForestIdAndNameIgnoreCase(forest.id(), "Default-First-Site-Name")).isPresent();

        // a second confirmation adds nothing twice
        mvc.perform(post("/topology/discover").with(csrf()).with(user("a").roles("ADMIN")).param("forest", SambaDc.DNS_DOMAIN)
                .param("site", "Default-First-Site-Name")).andExpect(redirectedUrl("/topology/sites"));
        assertThat(sites.findAll().stream().filter(s -> s.forestId().equals(forest.id()))).hasSize(1);
        String again = mvc.perform(get("/topology/discover").param("forest", SambaDc.DNS_DOMAIN).with(user("a").roles("ADMIN")))
                .andReturn().getResponse().getContentAsString();
        assertThat(again).contains("(already in the topology)");

        // each read of the directory and each fill is in the audit trail
        java.util.List<String> trail = jdbc.sql("SELECT action || ' ' || outcome || ' ' || target || ' ' || details FROM audit_record "
                + "WHERE action LIKE 'topology.discover%' AND actor_id = 'user:a' ORDER BY seq").query(String.class).list();
        assertThat(trail).hasSize(4);
        assertThat(trail.get(0)).startsWith("topology.discovery-read SUCCESS Forest contoso.test");
        assertThat(trail.get(1)).startsWith("topology.discovered SUCCESS Forest contoso.test").contains("\"forestAdded\":\"true\"")
                .contains("Default-First-Site-Name");
        assertThat(trail.get(2)).startsWith("topology.discovered SUCCESS").contains("no new site");
        assertThat(trail.get(3)).startsWith("topology.discovery-read SUCCESS");
    }

    @Test
    void onlyAdminsFillTheTopology() throws Exception {
        mvc.perform(post("/topology/discover").with(csrf()).with(user("h").roles("HELPDESK")).param("forest", SambaDc.DNS_DOMAIN))
                .andExpect(status().isForbidden());
    }
}
