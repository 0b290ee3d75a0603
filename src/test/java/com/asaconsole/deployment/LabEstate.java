package com.asaconsole.deployment;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.asaconsole.lab.SambaDc;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * An Exchange 2016 estate in the lab forest (contoso.test), entered through the topology pages as
 * an admin would: one ASA (a fresh name per estate) and one CAS server behind {@code namespaces}
 * internal HTTP namespaces, so the plan registers one http/ SPN per namespace on the ASA.
 */
public final class LabEstate {

    public final String tag;
    public final String asaSam;
    public final List<String> namespaces = new ArrayList<>();
    private final MockMvc mvc;
    private final JdbcClient jdbc;

    /** A server as the topology records it: its name, WinRM endpoint and Exchange version. */
    public record Server(String fqdn, String winrmEndpoint, String exchangeVersion) {
    }

    private long siteId;
    private long asaId;

    LabEstate(MockMvc mvc, JdbcClient jdbc, SambaDc dc, int namespaceCount) throws Exception {
        this(mvc, jdbc, dc, namespaceCount, null, UUID.randomUUID().toString().substring(0, 6));
    }

    /**
     * With these servers (e.g. CAS member simulators), or one made-up 2016 server when null;
     * namespaces are {@code ns<i>-<tag>.contoso.test}.
     */
    public LabEstate(MockMvc mvc, JdbcClient jdbc, SambaDc dc, int namespaceCount, List<Server> servers, String tag) throws Exception {
        this.tag = tag;
        this.asaSam = ("JOB" + tag).toUpperCase() + "$";
        this.mvc = mvc;
        this.jdbc = jdbc;
        Long forestId = jdbc.sql("SELECT id FROM forest WHERE dns_name = :d").param("d", SambaDc.DNS_DOMAIN).query(Long.class)
                .optional().orElse(null);
        if (forestId == null) {
            perform(admin("/topology/forests").param("dnsName", SambaDc.DNS_DOMAIN).param("netbiosName", SambaDc.NETBIOS_DOMAIN)
                    .param("ldapsEndpoint", dc.ldapsUrl()).param("globalCatalogEndpoint", dc.globalCatalogUrl())
                    .param("asaOu", "CN=Computers," + SambaDc.BASE_DN).param("credentialRef", "bind"));
            forestId = jdbc.sql("SELECT id FROM forest WHERE dns_name = :d").param("d", SambaDc.DNS_DOMAIN).query(Long.class).single();
        }
        String forest = Long.toString(forestId);
        perform(admin("/topology/sites").param("forestId", forest).param("name", "Site-" + tag));
        siteId = id("SELECT id FROM ad_site WHERE forest_id = " + forestId + " AND name = 'Site-" + tag + "'");
        perform(admin("/topology/asa-accounts").param("forestId", forest).param("kind", "COMPUTER").param("samAccountName", asaSam)
                .param("ou", "CN=Computers," + SambaDc.BASE_DN).param("encryptionTypes", "24").param("rotationDays", "21"));
        asaId = id("SELECT id FROM asa_account WHERE sam_account_name = '" + asaSam + "'");
        if (servers == null) {
            String server = "cas-" + tag + ".contoso.test";
            servers = List.of(new Server(server, "https://" + server + ":5986/wsman", "EXCHANGE_2016"));
        }
        List<String> serverIds = new ArrayList<>();
        for (Server server : servers) {
            serverIds.add(Long.toString(addServer(server)));
        }
        for (int i = 1; i <= namespaceCount; i++) {
            String fqdn = "ns" + i + "-" + tag + ".contoso.test";
            namespaces.add(fqdn);
            perform(admin("/topology/namespaces").param("fqdn", fqdn).param("scope", "INTERNAL").param("services", "EWS", "AUTODISCOVER")
                    .param("siteIds", Long.toString(siteId)).param("serverIds", serverIds.toArray(String[]::new)));
        }
    }

    /** Adds a server holding this estate's ASA (an edit of the topology: the plan changes). */
    public long addServer(Server server) throws Exception {
        perform(admin("/topology/servers").param("fqdn", server.fqdn()).param("siteId", Long.toString(siteId))
                .param("exchangeVersion", server.exchangeVersion())
                .param("operatingSystem", server.exchangeVersion().equals("EXCHANGE_2010") ? "WS2008_R2" : "WS2016")
                .param("winrmEndpoint", server.winrmEndpoint()).param("winrmAuth", "KERBEROS")
                .param("asaAccountId", Long.toString(asaId)));
        return id("SELECT id FROM exchange_server WHERE fqdn = '" + server.fqdn() + "'");
    }

    public String asaName() {
        return SambaDc.NETBIOS_DOMAIN + "\\" + asaSam;
    }

    public String asaDn() {
        return "CN=" + asaSam.substring(0, asaSam.length() - 1) + ",CN=Computers," + SambaDc.BASE_DN;
    }

    public List<String> spns() {
        return namespaces.stream().map(n -> "http/" + n).toList();
    }

    public int storePlan() throws Exception {
        String location = mvc.perform(admin("/plans")).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        return Integer.parseInt(location.substring(location.lastIndexOf('/') + 1));
    }

    private void perform(MockHttpServletRequestBuilder request) throws Exception {
        mvc.perform(request).andExpect(status().is3xxRedirection());
    }

    private MockHttpServletRequestBuilder admin(String path) {
        return post(path).with(csrf()).with(user("estate-admin").roles("ADMIN"));
    }

    private long id(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
