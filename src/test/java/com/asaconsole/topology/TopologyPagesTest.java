package com.asaconsole.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import com.asaconsole.ConsoleTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The topology pages as an admin and a helpdesk user use them: create, validate, conflict, refuse, import. */
@ConsoleTest
@AutoConfigureMockMvc
class TopologyPagesTest {

    static final RequestPostProcessor ADMIN = user("ada").roles("ADMIN");
    static final RequestPostProcessor HELPDESK = user("hal").roles("HELPDESK");

    @Autowired MockMvc mvc;
    @Autowired ForestRepository forests;
    @Autowired SiteRepository sites;
    @Autowired AsaAccountRepository asas;
    @Autowired ExchangeServerRepository servers;
    @Autowired CasArrayRepository arrays;
    @Autowired LbNamespaceRepository namespaces;

    /** Each test models its own forest, so tests sharing the context never collide. */
    String domain;
    Forest forest;
    Site site;

    @BeforeEach
    void forestAndSiteThroughThePages() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        domain = "f" + tag + ".example";
        mvc.perform(admin(post("/topology/forests")).param("dnsName", domain.toUpperCase()).param("netbiosName", "N" + tag.substring(0, 7))
                .param("ldapsEndpoint", "ldaps://dc01." + domain + ":636").param("globalCatalogEndpoint", "ldaps://dc01." + domain + ":3269")
                .param("asaOu", "OU=Service Accounts,DC=f" + tag + ",DC=example").param("credentialRef", "bind-" + tag))
                .andExpect(redirectedUrl("/topology/forests"));
        forest = forests.findByDnsNameIgnoreCase(domain).orElseThrow();
        assertThat(forest.dnsName()).as("stored lower case").isEqualTo(domain);
        mvc.perform(admin(post("/topology/sites")).param("forestId", forest.id().toString()).param("name", "HQ"))
                .andExpect(redirectedUrl("/topology/sites"));
        site = sites.findByForestIdAndNameIgnoreCase(forest.id(), "HQ").orElseThrow();
    }

    @Test
    void anAdminModelsA2010EstateAndEveryListShowsIt() throws Exception {
        mvc.perform(admin(post("/topology/asa-accounts")).param("forestId", forest.id().toString()).param("kind", "COMPUTER")
                .param("samAccountName", "EXCH-ASA$").param("ou", "OU=Service Accounts,DC=x,DC=example")
                .param("encryptionTypes", "24").param("rotationDays", "21")).andExpect(redirectedUrl("/topology/asa-accounts"));
        AsaAccount asa = asas.findByForestIdAndSamAccountNameIgnoreCase(forest.id(), "EXCH-ASA$").orElseThrow();
        long cas01 = server("cas01." + domain, "EXCHANGE_2010", asa.id());
        long cas02 = server("cas02." + domain, "EXCHANGE_2010", asa.id());
        mvc.perform(admin(post("/topology/cas-arrays")).param("fqdn", "outlook." + domain).param("siteId", site.id().toString())
                .param("memberIds", Long.toString(cas01), Long.toString(cas02))).andExpect(redirectedUrl("/topology/cas-arrays"));
        mvc.perform(admin(post("/topology/namespaces")).param("fqdn", "mail." + domain).param("scope", "BOTH")
                .param("services", "EWS", "OAB", "OUTLOOK_ANYWHERE").param("siteIds", site.id().toString())
                .param("serverIds", Long.toString(cas01), Long.toString(cas02))).andExpect(redirectedUrl("/topology/namespaces"));

        assertThat(arrays.findByFqdnIgnoreCase("outlook." + domain).orElseThrow().members()).hasSize(2);
        LbNamespace mail = namespaces.findByFqdnIgnoreCase("mail." + domain).orElseThrow();
        assertThat(mail.serviceSet()).containsExactlyInAnyOrder(ExchangeService.EWS, ExchangeService.OAB, ExchangeService.OUTLOOK_ANYWHERE);
        assertThat(mail.servers()).hasSize(2);

        assertThat(page("/topology/cas-arrays", HELPDESK)).contains("outlook." + domain).contains("cas01." + domain + ", cas02." + domain);
        assertThat(page("/topology/namespaces", HELPDESK)).contains("mail." + domain).contains("EWS, OAB, Outlook Anywhere");
        assertThat(page("/topology/asa-accounts", HELPDESK)).contains("EXCH-ASA$").contains("24 (AES128, AES256)");
        assertThat(page("/topology/servers", HELPDESK)).contains("cas01." + domain);
    }

    @Test
    void invalidInputReRendersTheFormWithSentencesAndSavesNothing() throws Exception {
        long before = servers.count();
        String html = mvc.perform(admin(post("/topology/servers")).param("fqdn", "cas\u200b01." + domain).param("siteId", site.id().toString())
                .param("exchangeVersion", "EXCHANGE_2019").param("operatingSystem", "WS2022").param("winrmEndpoint", "ftp://cas01")
                .param("winrmAuth", "KERBEROS")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("U+200B (ZERO WIDTH SPACE)").contains("CVE-2026-25177")
                .contains("aria-invalid=\"true\"").contains("Enter an address such as https://server.contoso.com")
                .contains("value=\"ftp://cas01\"");
        assertThat(servers.count()).isEqualTo(before);

        String shortName = mvc.perform(admin(post("/topology/namespaces")).param("fqdn", "mail").param("scope", "BOTH")
                .param("siteId", site.id().toString())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(shortName).contains("Enter the fully qualified name, with its domain").contains("Choose at least one service this name carries.");

        String dup = mvc.perform(admin(post("/topology/sites")).param("forestId", forest.id().toString()).param("name", "hq"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(dup).contains("Forest " + domain + " already has a site named hq.");

        String sam = mvc.perform(admin(post("/topology/asa-accounts")).param("forestId", forest.id().toString()).param("kind", "COMPUTER")
                .param("samAccountName", "EXCH-ASA").param("ou", "not a dn").param("rotationDays", "0"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(sam).contains("followed by $").contains("Enter a distinguished name").contains("1 to 3650");
    }

    @Test
    void aServerInAnArrayCantBeDeletedAndTheSentenceNamesTheArray() throws Exception {
        long cas01 = server("cas01." + domain, "EXCHANGE_2010", null);
        mvc.perform(admin(post("/topology/cas-arrays")).param("fqdn", "outlook." + domain).param("siteId", site.id().toString())
                .param("memberIds", Long.toString(cas01))).andExpect(redirectedUrl("/topology/cas-arrays"));
        mvc.perform(admin(post("/topology/servers/" + cas01 + "/delete")))
                .andExpect(redirectedUrl("/topology/servers"))
                .andExpect(flash().attribute("error", "cas01." + domain + " is a member of CAS array outlook." + domain
                        + "; remove it from the array first."));
        assertThat(servers.findById(cas01)).isPresent();
        mvc.perform(admin(post("/topology/sites/" + site.id() + "/delete")))
                .andExpect(flash().attribute("error", "Site HQ still holds server cas01." + domain + ", CAS array outlook." + domain
                        + "; move them to another site or delete them first."));
    }

    @Test
    void theSecondEditorGetsAConflictAndKeepsTheirInput() throws Exception {
        long id = server("cas01." + domain, "EXCHANGE_2016", null);
        int seen = servers.findById(id).orElseThrow().version();
        // first admin saves: standby on
        mvc.perform(admin(post("/topology/servers/" + id)).param("version", Integer.toString(seen)).params(serverParams("cas01." + domain, "EXCHANGE_2016"))
                .param("standby", "true")).andExpect(redirectedUrl("/topology/servers"));
        // second admin still has the old version and changes the OS
        String html = mvc.perform(admin(post("/topology/servers/" + id)).param("version", Integer.toString(seen))
                .params(serverParams("cas01." + domain, "EXCHANGE_2016", "WS2019")))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("was changed by someone else after you opened it. Nothing was saved.")
                .contains("DR/standby").contains("<option value=\"WS2019\" selected=\"selected\">");
        ExchangeServer stored = servers.findById(id).orElseThrow();
        assertThat(stored.standby()).isTrue();
        assertThat(stored.operatingSystem()).isEqualTo(WindowsServer.WS2022);
        assertThat(html).contains("name=\"version\" value=\"" + stored.version() + "\"");
    }

    @Test
    void helpdeskReadsButGetsNoEditControlsAndNoForms() throws Exception {
        long id = server("cas01." + domain, "EXCHANGE_2019", null);
        String list = page("/topology/servers", HELPDESK);
        assertThat(list).contains("cas01." + domain).doesNotContain("/edit").doesNotContain("New server").doesNotContain("Delete");
        assertThat(page("/topology/servers", ADMIN)).contains("/topology/servers/" + id + "/edit").contains("New server");
        mvc.perform(get("/topology/servers/" + id + "/edit").with(HELPDESK)).andExpect(status().isForbidden());
        mvc.perform(post("/topology/servers/" + id + "/delete").with(csrf()).with(HELPDESK)).andExpect(status().isForbidden());
        assertThat(servers.findById(id)).isPresent();
    }

    @Test
    void csvImportSavesNothingWhenAnyRowIsWrongAndEverythingWhenAllAreRight() throws Exception {
        long before = servers.count();
        String bad = "fqdn,site,version,os,winrm_endpoint,winrm_auth,standby,asa\n"
                + "cas11." + domain + ","+domain+"/HQ,2019,2022,http://cas11." + domain + "/PowerShell,KERBEROS,no,\n"
                + "cas12." + domain + ",Nowhere,2019,2022,http://cas12." + domain + "/PowerShell,KERBEROS,maybe,\n"
                + "cas11." + domain + ","+domain+"/HQ,2019,2022,http://cas11." + domain + "/PowerShell,KERBEROS,no,\n";
        String html = mvc.perform(admin(post("/topology/servers/import")).param("csv", bad)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Nothing was imported: 2 row(s) need fixing.").contains("Line 3").contains("no AD site named Nowhere")
                .contains("standby: write yes or no").contains("Line 4").contains("appears twice in the import");
        assertThat(servers.count()).isEqualTo(before);

        String good = "cas11." + domain + ","+domain+"/HQ,2019,2022,http://cas11." + domain + "/PowerShell,KERBEROS,no,\n"
                + "cas12." + domain + ","+domain+"/HQ,2019,2022,http://cas12." + domain + "/PowerShell,KERBEROS,yes,\n";
        mvc.perform(admin(post("/topology/servers/import")).param("csv", good)).andExpect(redirectedUrl("/topology/servers"));
        assertThat(servers.findByFqdnIgnoreCase("cas12." + domain).orElseThrow().standby()).isTrue();

        String ns = "mail." + domain + ",BOTH,EWS;OAB;MAPI_HTTP,"+domain+"/HQ,cas11." + domain + ";cas12." + domain + "\n"
                + "autodiscover." + domain + ",INTERNAL,AUTODISCOVER,"+domain+"/HQ,cas99." + domain + "\n";
        String nsHtml = mvc.perform(admin(post("/topology/namespaces/import")).param("csv", ns)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(nsHtml).contains("Line 2").contains("no server named cas99." + domain);
        assertThat(namespaces.findByFqdnIgnoreCase("mail." + domain)).isEmpty();
    }

    @Test
    void aNamespaceCarriesOnlyOwaAndIsServedFromTwoSites() throws Exception {
        mvc.perform(admin(post("/topology/sites")).param("forestId", forest.id().toString()).param("name", "DR"))
                .andExpect(redirectedUrl("/topology/sites"));
        Site dr = sites.findByForestIdAndNameIgnoreCase(forest.id(), "DR").orElseThrow();
        long ex01 = server("ex01." + domain, "EXCHANGE_2019", null);
        mvc.perform(admin(post("/topology/namespaces")).param("fqdn", "owa." + domain).param("scope", "INTERNAL")
                .param("services", "OWA").param("siteIds", site.id().toString(), dr.id().toString())
                .param("serverIds", Long.toString(ex01))).andExpect(redirectedUrl("/topology/namespaces"));
        LbNamespace owa = namespaces.findByFqdnIgnoreCase("owa." + domain).orElseThrow();
        assertThat(owa.serviceSet()).containsExactly(ExchangeService.OWA);
        assertThat(owa.siteIds()).containsExactlyInAnyOrder(site.id(), dr.id());
        String list = mvc.perform(admin(get("/topology/namespaces"))).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("Outlook on the web (OWA)").contains("DR, HQ");
        String form = mvc.perform(admin(get("/topology/namespaces/" + owa.id() + "/edit"))).andReturn().getResponse().getContentAsString();
        assertThat(form).containsPattern("value=\"" + dr.id() + "\" id=\"siteIds\\d+\" name=\"siteIds\" checked")
                .containsPattern("value=\"" + site.id() + "\" id=\"siteIds\\d+\" name=\"siteIds\" checked");
        // no site: a sentence on the field, nothing stored
        String refused = mvc.perform(admin(post("/topology/namespaces")).param("fqdn", "ecp." + domain).param("scope", "INTERNAL")
                .param("services", "ECP")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("Choose the AD site whose servers answer this name");
        assertThat(namespaces.findByFqdnIgnoreCase("ecp." + domain)).isEmpty();
        // a site still serving a name can't be deleted
        mvc.perform(admin(post("/topology/sites/" + dr.id() + "/delete")).param("version", dr.version().toString()))
                .andExpect(flash().attribute("error", org.hamcrest.Matchers.containsString("namespace owa." + domain)));
    }

    long server(String fqdn, String version, Long asaId) throws Exception {
        mvc.perform(admin(post("/topology/servers")).params(serverParams(fqdn, version))
                .param("asaAccountId", asaId == null ? "" : asaId.toString())).andExpect(redirectedUrl("/topology/servers"));
        return servers.findByFqdnIgnoreCase(fqdn).orElseThrow().id();
    }

    org.springframework.util.MultiValueMap<String, String> serverParams(String fqdn, String version) {
        return serverParams(fqdn, version, "WS2022");
    }

    org.springframework.util.MultiValueMap<String, String> serverParams(String fqdn, String version, String os) {
        org.springframework.util.LinkedMultiValueMap<String, String> p = new org.springframework.util.LinkedMultiValueMap<>();
        p.add("fqdn", fqdn);
        p.add("siteId", site.id().toString());
        p.add("exchangeVersion", version);
        p.add("operatingSystem", os);
        p.add("winrmEndpoint", "http://" + fqdn + "/PowerShell");
        p.add("winrmAuth", "KERBEROS");
        return p;
    }

    String page(String path, RequestPostProcessor who) throws Exception {
        return mvc.perform(get(path).with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    static MockHttpServletRequestBuilder admin(MockHttpServletRequestBuilder request) {
        return request.with(csrf()).with(ADMIN);
    }
}
