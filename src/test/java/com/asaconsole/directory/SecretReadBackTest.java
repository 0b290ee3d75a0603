package com.asaconsole.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;

import java.nio.file.Files;

import com.asaconsole.ConsoleTest;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;
import com.asaconsole.lab.TlsListener;
import com.asaconsole.lab.cas.LabCertificates;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A stored bind password can't be read back by pointing its connection somewhere else: an edit that
 * changes the address, the certificate or the account needs the password again, and a connection
 * changed behind the console's back (in the database) is refused before anything is sent. A TLS
 * listener of the test's own, with a certificate the attacker pasted, must receive nothing.
 */
@ExtendWith(SambaLab.class)
@ConsoleTest
@AutoConfigureMockMvc
@LabTest
class SecretReadBackTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DirectorySettings settings;

    SambaDc dc;

    @AfterEach
    void restore() {
        if (dc != null) {
            jdbc.sql("UPDATE directory_connection SET ldaps_url = :l, global_catalog_url = :g, trusted_certificate_pem = :p "
                    + "WHERE forest = :f").param("l", dc.ldapsUrl()).param("g", dc.globalCatalogUrl())
                    .param("p", dc.directoryConnection().trustedCertificatePem()).param("f", SambaDc.DNS_DOMAIN).update();
            LabDirectory.connect(settings, dc);
        }
    }

    @Test
    void theStoredPasswordIsNeverSentToAnotherEndpoint(SambaDc dc) throws Exception {
        this.dc = dc;
        LabDirectory.connect(settings, dc);
        String roguePem = Files.readString(LabCertificates.get().roguePem());
        try (TlsListener rogue = new TlsListener(LabCertificates.get().rogueServerTls())) {
            String rogueUrl = "ldaps://mail.contoso.test:" + rogue.port();
            ForestSettings stored = settings.find(SambaDc.DNS_DOMAIN).orElseThrow();

            // the edit the review made: own host, own certificate, password left empty
            String page = mvc.perform(edit(stored, java.util.Map.of("ldapsUrl", rogueUrl, "globalCatalogUrl", rogueUrl,
                    "trustedCertificatePem", roguePem))).andReturn().getResponse().getContentAsString();
            assertThat(page).contains("enter the bind account&#39;s password again");
            // the account alone changed: the same
            page = mvc.perform(edit(stored, java.util.Map.of("bindPrincipal", "someone-else@contoso.test"))).andReturn()
                    .getResponse().getContentAsString();
            assertThat(page).contains("enter the bind account&#39;s password again");
            assertThat(settings.find(SambaDc.DNS_DOMAIN).orElseThrow()).isEqualTo(stored);
            mvc.perform(test()).andExpect(flash().attribute("success", Matchers.startsWith("Connected to")));

            // the same change made in the database, behind the console's back: Test refuses before connecting
            jdbc.sql("UPDATE directory_connection SET ldaps_url = :u, global_catalog_url = :u, trusted_certificate_pem = :p "
                    + "WHERE forest = :f").param("u", rogueUrl).param("p", roguePem).param("f", SambaDc.DNS_DOMAIN).update();
            mvc.perform(test()).andExpect(flash().attribute("error",
                    Matchers.containsString("entered for another address, certificate or account")));
            assertThat(settings.probe(SambaDc.DNS_DOMAIN)).as("the probe identity is still for its KDC").isPresent();

            Thread.sleep(500);
            assertThat(rogue.connections()).as("connections to the listener").isZero();
            assertThat(rogue.bytes()).isZero();
        }
    }

    /** The edit form as stored, with some fields changed and both passwords left empty. */
    private MockHttpServletRequestBuilder edit(ForestSettings s, java.util.Map<String, String> changed) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("forest", s.forest());
        fields.put("ldapsUrl", s.ldapsUrl());
        fields.put("globalCatalogUrl", s.globalCatalogUrl());
        fields.put("baseDn", s.baseDn());
        fields.put("bindPrincipal", s.bindPrincipal());
        fields.put("trustedCertificatePem", s.trustedCertificatePem());
        fields.put("probePrincipal", s.probePrincipal() == null ? "" : s.probePrincipal());
        fields.put("version", Integer.toString(s.version()));
        fields.putAll(changed);
        MockHttpServletRequestBuilder request = post("/admin/directory").with(csrf()).with(user("a").roles("ADMIN"));
        fields.forEach(request::param);
        return request;
    }

    private static MockHttpServletRequestBuilder test() {
        return post("/admin/directory/" + SambaDc.DNS_DOMAIN + "/test").with(csrf()).with(user("a").roles("ADMIN"));
    }
}
