package com.asaconsole.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.asaconsole.ConsoleTest;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** An admin configures a forest's connection: validation, write-only passwords, conflicts, and a live test. */
@ExtendWith(SambaLab.class)
@ConsoleTest
@AutoConfigureMockMvc
@LabTest
class DirectorySettingsPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void invalidInputReRendersWithFieldMessagesAndSavesNothing() throws Exception {
        int connections = count("directory_connection");
        int secrets = count("secret");
        String page = mvc.perform(post("/admin/directory").with(csrf()).with(user("a").roles("ADMIN"))
                .param("forest", "not a domain").param("ldapsUrl", "ldap://dc1.bad.test").param("globalCatalogUrl", "")
                .param("baseDn", "DC=bad,DC=test").param("bindPrincipal", "admin@bad.test").param("bindPassword", "Typed-Secret-1")
                .param("trustedCertificatePem", "")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Enter a DNS name such as contoso.com").contains("Use ldaps://&lt;dc host name&gt;:636.")
                .contains("Enter the Global Catalog URL.").contains("Paste the certificate of the DC or of its CA (PEM).")
                .contains("value=\"DC=bad,DC=test\"").doesNotContain("Typed-Secret-1");
        assertThat(count("directory_connection")).isEqualTo(connections);
        assertThat(count("secret")).isEqualTo(secrets);
    }

    @Test
    void anAdminSavesTestsAndEditsAConnectionWithoutEverSeeingThePasswordAgain(SambaDc dc) throws Exception {
        String pem = Files.readString(dc.caPem());
        mvc.perform(connectionForm(null).param("forest", "lab.contoso.test").param("bindPassword", dc.adminPassword())
                .param("trustedCertificatePem", pem)).andExpect(redirectedUrl("/admin/directory/lab.contoso.test"));

        String edit = mvc.perform(get("/admin/directory/lab.contoso.test").with(user("a").roles("ADMIN")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(edit).contains("Edit lab.contoso.test").doesNotContain(dc.adminPassword());

        MvcResult tested = mvc.perform(post("/admin/directory/lab.contoso.test/test").with(csrf()).with(user("a").roles("ADMIN")))
                .andExpect(redirectedUrl("/admin/directory/lab.contoso.test")).andReturn();
        String result = mvc.perform(get("/admin/directory/lab.contoso.test").with(user("a").roles("ADMIN"))
                .flashAttrs(tested.getFlashMap())).andReturn().getResponse().getContentAsString();
        assertThat(result).contains("Connected to").contains("Default-First-Site-Name").contains("CONTOSO");

        // an edit without a password keeps the stored one
        mvc.perform(connectionForm(0).param("forest", "lab.contoso.test").param("trustedCertificatePem", pem))
                .andExpect(redirectedUrl("/admin/directory/lab.contoso.test"));
        mvc.perform(post("/admin/directory/lab.contoso.test/test").with(csrf()).with(user("a").roles("ADMIN")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("success", org.hamcrest.Matchers.startsWith("Connected to")));

        // a second editor with the old version: a conflict, their input kept, nothing overwritten
        String conflict = mvc.perform(connectionForm(0).param("forest", "lab.contoso.test").param("baseDn", "DC=changed,DC=test")
                .param("trustedCertificatePem", pem)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(conflict).contains("Someone else changed this connection").contains("DC=changed,DC=test");
        assertThat(jdbc.sql("SELECT base_dn FROM directory_connection WHERE forest = 'lab.contoso.test'").query(String.class).single())
                .isEqualTo(SambaDc.BASE_DN);

        assertThat(Files.readString(Path.of("target/test-logs/asa-console.json"))).doesNotContain(dc.adminPassword());

        // every save and test is in the audit trail, with which passwords were replaced but never a password
        List<String> trail = jdbc.sql("SELECT action || ' ' || outcome || ' ' || details FROM audit_record "
                + "WHERE target = 'lab.contoso.test' ORDER BY seq").query(String.class).list();
        assertThat(trail).hasSize(4);
        assertThat(trail.get(0)).startsWith("directory.saved SUCCESS").contains("\"created\":\"true\"").contains("the bind password");
        assertThat(trail.get(1)).startsWith("directory.tested SUCCESS").contains("dc1.contoso.test");
        assertThat(trail.get(2)).startsWith("directory.saved SUCCESS").contains("\"replaced\":\"no password\"");
        assertThat(trail.get(3)).startsWith("directory.tested SUCCESS");
        assertThat(String.join("\n", trail)).doesNotContain(dc.adminPassword());
    }

    @Test
    void textThatIsNotACertificateIsRefusedOnSave() throws Exception {
        int connections = count("directory_connection");
        String page = mvc.perform(connectionForm(null).param("forest", "pem.contoso.test").param("bindPassword", "Typed-Secret-2")
                .param("trustedCertificatePem", "not a certificate")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("This is not a certificate in PEM form").contains("not a certificate</textarea>")
                .doesNotContain("Typed-Secret-2");
        String broken = mvc.perform(connectionForm(null).param("forest", "pem.contoso.test").param("bindPassword", "Typed-Secret-2")
                .param("trustedCertificatePem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(broken).contains("This is not a certificate in PEM form");
        assertThat(count("directory_connection")).isEqualTo(connections);
    }

    @Test
    void aConnectionThatCannotConnectSaysWhy(SambaDc dc) throws Exception {
        mvc.perform(post("/admin/directory").with(csrf()).with(user("a").roles("ADMIN")).param("forest", "down.contoso.test")
                .param("ldapsUrl", "ldaps://dc1.contoso.test:1636").param("globalCatalogUrl", "ldaps://dc1.contoso.test:3269")
                .param("baseDn", SambaDc.BASE_DN).param("bindPrincipal", "Administrator@contoso.test")
                .param("bindPassword", "whatever").param("trustedCertificatePem", Files.readString(dc.caPem())))
                .andExpect(redirectedUrl("/admin/directory/down.contoso.test"));
        mvc.perform(post("/admin/directory/down.contoso.test/test").with(csrf()).with(user("a").roles("ADMIN")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("error",
                        "Cannot reach dc1.contoso.test:1636: the connection was refused. Is the domain controller running and "
                                + "is the LDAPS port open?"));
        assertThat(jdbc.sql("SELECT outcome || ' ' || details FROM audit_record WHERE action = 'directory.tested' "
                + "AND target = 'down.contoso.test'").query(String.class).single()).startsWith("FAILURE").contains("connection was refused");
    }

    private int count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
    }

    private MockHttpServletRequestBuilder connectionForm(Integer version) {
        MockHttpServletRequestBuilder request = post("/admin/directory").with(csrf()).with(user("a").roles("ADMIN"))
                .session(new MockHttpSession())
                .param("ldapsUrl", "ldaps://" + SambaDc.HOST + ":636").param("globalCatalogUrl", "ldaps://" + SambaDc.HOST + ":3269")
                .param("baseDn", SambaDc.BASE_DN).param("bindPrincipal", "Administrator@contoso.test");
        if (version != null) {
            request.param("version", version.toString());
        }
        return request;
    }
}
