package com.asaconsole.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.asaconsole.ConsoleTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * An estate modelled through the topology pages, planned, stored as versions, compared, walked
 * through the wizard and exported. Its own context, so its database holds only this estate.
 */
@ConsoleTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { "asa.test.estate=plan-pages", "asa.planning.view-recheck=1s" })
class PlanPagesTest {

    static final RequestPostProcessor ADMIN = user("ada").roles("ADMIN");
    static final RequestPostProcessor HELPDESK = user("hal").roles("HELPDESK");

    @Autowired MockMvc mvc;
    @Autowired PlanVersions versions;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void anEstateIsPlannedStoredComparedWalkedAndExported() throws Exception {
        submit("/topology/forests", "dnsName", "contoso.com", "netbiosName", "CONTOSO", "ldapsEndpoint", "ldaps://dc01.contoso.com:636",
                "globalCatalogEndpoint", "ldaps://dc01.contoso.com:3269", "asaOu", "OU=Service Accounts,DC=contoso,DC=com");
        submit("/topology/sites", "forestId", "1", "name", "HQ");
        submit("/topology/asa-accounts", "forestId", "1", "kind", "COMPUTER", "samAccountName", "EXCH-ASA$",
                "ou", "OU=Service Accounts,DC=contoso,DC=com", "encryptionTypes", "24", "rotationDays", "21");
        server("ex01", "1", "false");
        server("ex02", "1", "false");
        submit("/topology/namespaces", "fqdn", "mail.contoso.com", "scope", "BOTH", "services", "EWS", "services", "MAPI_HTTP",
                "services", "OAB", "siteIds", "1", "serverIds", "1", "serverIds", "2");
        submit("/topology/namespaces", "fqdn", "autodiscover.contoso.com", "scope", "BOTH", "services", "AUTODISCOVER",
                "siteIds", "1", "serverIds", "1", "serverIds", "2");

        String preview = page("/plans", HELPDESK);
        assertThat(preview).contains("http/mail.contoso.com").contains("http/autodiscover.contoso.com")
                .contains("namespace mail.contoso.com carries EWS, OAB, MAPI/HTTP for Exchange 2019")
                .doesNotContain("Store as a new version");
        mvc.perform(post("/plans").with(csrf()).with(HELPDESK)).andExpect(status().isForbidden());

        mvc.perform(post("/plans").with(csrf()).with(ADMIN)).andExpect(redirectedUrl("/plans/1"));
        PlanVersions.Stored first = versions.find(1).orElseThrow();
        assertThat(first.intact()).isTrue();
        assertThat(first.contentHash()).hasSize(64).isEqualTo(first.document().contentHash());
        String v1 = page("/plans/1", HELPDESK);
        assertThat(v1).contains(first.contentHash()).contains("Difference: first version")
                .contains("SPN added: http/mail.contoso.com on CONTOSO\\EXCH-ASA$").contains("id=\"submit-later\"")
                .doesNotContain("id=\"submit-blocked\"");

        // a DR server behind mail without the ASA, and an external-only name
        server("ex11", null, "true");
        submit("/topology/namespaces/1", "version", "0", "fqdn", "mail.contoso.com", "scope", "BOTH", "services", "EWS", "services", "MAPI_HTTP",
                "services", "OAB", "siteIds", "1", "serverIds", "1", "serverIds", "2", "serverIds", "3");
        submit("/topology/namespaces", "fqdn", "owa.contoso.com", "scope", "EXTERNAL", "services", "OUTLOOK_ANYWHERE", "siteIds", "1",
                "serverIds", "1");
        mvc.perform(post("/plans").with(csrf()).with(ADMIN)).andExpect(redirectedUrl("/plans/2"));
        String v2 = page("/plans/2", ADMIN);
        assertThat(v2).contains("Difference from version 1").contains("id=\"submit-blocked\"")
                .contains("This plan can&#39;t be submitted: it has 1 BLOCK finding(s).")
                .contains("Finding added: BLOCK: DR/standby server ex11.contoso.com serves mail.contoso.com but is not planned to hold its ASA")
                .contains("Finding added: INFO: owa.contoso.com is external only, so it gets no SPN")
                .contains("<button type=\"button\" class=\"primary\" disabled>Submit for change</button>");
        assertThat(versions.find(1).orElseThrow().contentHash()).as("version 1 is unchanged").isEqualTo(first.contentHash());

        mvc.perform(post("/plans").with(csrf()).with(ADMIN)).andExpect(redirectedUrl("/plans/2"));
        assertThat(versions.summaries(org.springframework.data.domain.PageRequest.of(0, 20)).getTotalElements()).isEqualTo(2);

        // the wizard shows each step's operations exactly as the executor renders them
        String account = page("/plans/1/wizard/create-account", HELPDESK);
        assertThat(account).contains("dn: CN=EXCH-ASA,OU=Service Accounts,DC=contoso,DC=com\nchangetype: add")
                .contains("msDS-SupportedEncryptionTypes: 24").contains("unicodePwd: ********").contains("userAccountControl: 4096")
                .contains("Step 1: Create the ASA account");
        String deploy = page("/plans/1/wizard/deploy-credential", HELPDESK);
        // the endpoints are http://.../PowerShell, which the console does not use: the operation says why it can't run
        assertThat(deploy).contains("REFUSED").contains("must be an HTTPS URL (ADR 11)").contains("MSExchangeServiceHost is running on ex02.contoso.com");
        assertThat(page("/plans/1/wizard/convert-oab", HELPDESK)).contains("Not needed for this plan");
        String spns = page("/plans/1/wizard/assign-spns", HELPDESK);
        assertThat(spns).contains("setspn -F -Q http/mail.contoso.com").contains("servicePrincipalName: http/autodiscover.contoso.com")
                .contains("add: servicePrincipalName").contains("The credential is deployed to the servers before any SPN is added");
        mvc.perform(get("/plans/1/wizard/no-such-step").with(HELPDESK)).andExpect(status().isNotFound());

        String script = page("/plans/1/script-2013.ps1", HELPDESK);
        assertThat(script).startsWith("# ASA Console plan version 1: manual script for the Exchange 2013 and later servers\n"
                + "# SHA-256 of the plan: " + first.contentHash());
        int create = script.indexOf("# ---- Step 1: Create the ASA account");
        int deployAt = script.indexOf("# ---- Step 2:");
        int add = script.indexOf("setspn -S $spn");
        assertThat(create).isPositive().isLessThan(deployAt);
        assertThat(deployAt).isLessThan(add);
        assertThat(script).contains("Get-Credential 'CONTOSO\\EXCH-ASA$'").doesNotContain("-Message").doesNotContain("throw 'This plan has BLOCK")
                .contains("$CasSet = 'Set-ClientAccessService'").doesNotContain("E2010");
        mvc.perform(get("/plans/1/script-2010.ps1").with(HELPDESK)).andExpect(status().isNotFound());
        assertThat(page("/plans/2/script-2013.ps1", HELPDESK)).contains("throw 'This plan has BLOCK findings");

        String document = page("/plans/1/change-document", HELPDESK);
        assertThat(document).contains(first.contentHash()).contains("Step 5: Register the SPNs on the ASA")
                .contains("Step 3: Add a member").contains("http/mail.contoso.com").doesNotContain("site-header");
        assertThat(page("/plans/1", HELPDESK)).contains("Manual script (Exchange 2013 and later)").contains("/plans/1/script-2013.ps1");
        // version 1 altered in the database: submitting reads it afresh and sees it at once; its pages, which reuse a
        // version read and checked at most asa.planning.view-recheck ago, show it within that time
        assertThat(page("/plans/1", HELPDESK)).doesNotContain("it was altered after it was stored");
        jdbc.sql("UPDATE plan_version SET document = REPLACE(document, 'ex01.contoso.com', 'ex66.contoso.com') WHERE number = 1").update();
        assertThat(versions.find(1).orElseThrow().intact()).isFalse();
        Thread.sleep(1_100);
        String altered = page("/plans/1", HELPDESK);
        assertThat(altered).contains("it was altered after it was stored. Do not use it.");
        assertThat(versions.view(1).orElseThrow().intact()).isFalse();
    }

    void server(String host, String asaId, String standby) throws Exception {
        submit("/topology/servers", "fqdn", host + ".contoso.com", "siteId", "1", "exchangeVersion", "EXCHANGE_2019",
                "operatingSystem", "WS2022", "winrmEndpoint", "http://" + host + ".contoso.com/PowerShell", "winrmAuth", "KERBEROS",
                "standby", standby, "asaAccountId", asaId == null ? "" : asaId);
    }

    void submit(String path, String... params) throws Exception {
        MockHttpServletRequestBuilder request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .with(csrf()).with(ADMIN);
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        String location = mvc.perform(request).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).as("saved " + path).isNotNull();
    }

    String page(String path, RequestPostProcessor who) throws Exception {
        return mvc.perform(get(path).with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }
}
