package com.asaconsole.topology;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A small Exchange 2016 estate modelled through the pages as an admin would: one forest and site,
 * one ASA, one server holding it, and an internal namespace {@code mail-<tag>.contoso.test}.
 */
public final class ModelledEstate {

    private final MockMvc mvc;
    private final JdbcClient jdbc;
    private final String tag;
    private long siteId;
    private long serverId;

    public ModelledEstate(MockMvc mvc, JdbcClient jdbc, String tag) {
        this.mvc = mvc;
        this.jdbc = jdbc;
        this.tag = tag;
    }

    public ModelledEstate model2016(String asaSamAccountName) throws Exception {
        String domain = "e" + tag + ".example";
        mvc.perform(admin("/topology/forests").param("dnsName", domain).param("netbiosName", "E" + tag.toUpperCase())
                .param("ldapsEndpoint", "ldaps://dc01." + domain + ":636").param("globalCatalogEndpoint", "ldaps://dc01." + domain + ":3269")
                .param("asaOu", "OU=Service Accounts,DC=e" + tag + ",DC=example").param("credentialRef", "bind"))
                .andExpect(status().is3xxRedirection());
        long forestId = id("SELECT id FROM forest WHERE dns_name = ?", domain);
        mvc.perform(admin("/topology/sites").param("forestId", Long.toString(forestId)).param("name", "HQ"))
                .andExpect(status().is3xxRedirection());
        siteId = id("SELECT id FROM ad_site WHERE forest_id = ?", forestId);
        mvc.perform(admin("/topology/asa-accounts").param("forestId", Long.toString(forestId)).param("kind", "COMPUTER")
                .param("samAccountName", asaSamAccountName).param("ou", "CN=Computers,DC=contoso,DC=test")
                .param("encryptionTypes", "24").param("rotationDays", "21")).andExpect(status().is3xxRedirection());
        long asaId = id("SELECT id FROM asa_account WHERE forest_id = ?", forestId);
        String server = "cas-" + tag + ".contoso.test";
        mvc.perform(admin("/topology/servers").param("fqdn", server).param("siteId", Long.toString(siteId))
                .param("exchangeVersion", "EXCHANGE_2016").param("operatingSystem", "WS2016")
                .param("winrmEndpoint", "https://" + server + "/wsman").param("winrmAuth", "KERBEROS")
                .param("asaAccountId", Long.toString(asaId))).andExpect(status().is3xxRedirection());
        serverId = id("SELECT id FROM exchange_server WHERE fqdn = ?", server);
        namespace("mail-" + tag + ".contoso.test");
        return this;
    }

    public String serverFqdn() {
        return "cas-" + tag + ".contoso.test";
    }

    /** Another internal HTTP namespace behind the same server (an edit of the topology). */
    public void namespace(String fqdn) throws Exception {
        mvc.perform(admin("/topology/namespaces").param("fqdn", fqdn).param("scope", "INTERNAL").param("services", "EWS", "AUTODISCOVER")
                .param("siteIds", Long.toString(siteId)).param("serverIds", Long.toString(serverId)))
                .andExpect(status().is3xxRedirection());
    }

    /** Stores the current plan as a version and returns its number. */
    public int storePlan() throws Exception {
        String location = mvc.perform(admin("/plans")).andExpect(status().is3xxRedirection()).andReturn().getResponse()
                .getRedirectedUrl();
        return Integer.parseInt(location.substring(location.lastIndexOf('/') + 1));
    }

    private MockHttpServletRequestBuilder admin(String path) {
        return post(path).with(csrf()).with(user("estate-admin").roles("ADMIN"));
    }

    private long id(String sql, Object arg) {
        return jdbc.sql(sql).param(arg).query(Long.class).single();
    }
}
