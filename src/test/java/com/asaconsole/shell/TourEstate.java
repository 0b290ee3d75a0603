package com.asaconsole.shell;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.asaconsole.deployment.ChangeRequest;
import com.asaconsole.deployment.ChangeRequests;
import com.asaconsole.deployment.DeploymentJob;
import com.asaconsole.deployment.Jobs;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.directory.SpnInventory;
import com.asaconsole.identity.ConsoleUser;
import com.asaconsole.identity.Role;
import com.asaconsole.identity.TestAccounts;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.SambaDc;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A realistic estate for the page tour, entered as people would: the lab forest as a directory connection, two AD
 * sites (one for DR), an Exchange 2016 ASA with three servers (one a DR standby) behind an internal+external
 * namespace, an autodiscover name and an external-only name, an Exchange 2010 server in a CAS array with its own
 * ASA (the four servers are CAS member SIMULATORs); plan version 1 approved by a reviewer and run against the lab DC
 * and the simulated members (account, credential, SPNs: the job SUCCEEDED), then a topology edit and plan version 2
 * submitted and waiting for review; a finished forest-wide SPN scan; an Exchange discovery proposal read from a
 * fifth simulated server; a reviewer and a helpdesk person as local accounts.
 */
final class TourEstate {

    static final String REVIEWER = "rita.reviewer";
    static final String REVIEWER_PASSWORD = "Tour-Reviewer-Pw-31";
    static final String HELPDESK = "hal.helpdesk";
    static final String HELPDESK_PASSWORD = "Tour-Helpdesk-Pw-47";

    final String tag = UUID.randomUUID().toString().substring(0, 5);
    final String namespace = "mail-" + tag + ".contoso.test";
    long forestId;
    long siteId;
    long asaId;
    long serverId;
    long arrayId;
    long namespaceId;
    int firstPlan;
    int secondPlan;
    long ranChange;
    long waitingChange;
    long job;
    long scan;
    long discovery;
    /** The server the tour reads the Exchange organization from (a 2019 simulator reporting the lab's estate). */
    static final String DISCOVERED_FROM = "cas5.contoso.test";

    private final MockMvc mvc;
    private final JdbcClient jdbc;

    /** The WinRM endpoint of each Client Access server (CAS member SIMULATORs), by host name. */
    private final Map<String, String> endpoints;

    TourEstate(ApplicationContext context, MockMvc mvc, JdbcClient jdbc, SambaDc dc, Map<String, String> endpoints) throws Exception {
        this.mvc = mvc;
        this.jdbc = jdbc;
        this.endpoints = endpoints;
        DirectorySettings settings = context.getBean(DirectorySettings.class);
        LabDirectory.connect(settings, dc);
        TestAccounts.create(context, REVIEWER, REVIEWER_PASSWORD, "APPROVER");
        TestAccounts.create(context, HELPDESK, HELPDESK_PASSWORD, "HELPDESK");

        forestId = jdbc.sql("SELECT id FROM forest WHERE dns_name = :d").param("d", SambaDc.DNS_DOMAIN).query(Long.class).optional()
                .orElse(-1L);
        if (forestId < 0) {
            admin("/topology/forests", "dnsName", SambaDc.DNS_DOMAIN, "netbiosName", SambaDc.NETBIOS_DOMAIN, "ldapsEndpoint",
                    dc.ldapsUrl(), "globalCatalogEndpoint", dc.globalCatalogUrl(), "asaOu", "CN=Computers," + SambaDc.BASE_DN,
                    "credentialRef", "lab-bind");
            forestId = id("SELECT id FROM forest WHERE dns_name = '" + SambaDc.DNS_DOMAIN + "'");
        }
        String forest = Long.toString(forestId);
        admin("/topology/sites", "forestId", forest, "name", "HQ-" + tag);
        admin("/topology/sites", "forestId", forest, "name", "DR-" + tag);
        siteId = id("SELECT id FROM ad_site WHERE name = 'HQ-" + tag + "'");
        String hq = Long.toString(siteId);
        String dr = Long.toString(id("SELECT id FROM ad_site WHERE name = 'DR-" + tag + "'"));
        String sam = ("ASA" + tag).toUpperCase() + "$";
        admin("/topology/asa-accounts", "forestId", forest, "kind", "COMPUTER", "samAccountName", sam, "ou",
                "CN=Computers," + SambaDc.BASE_DN, "encryptionTypes", "24", "rotationDays", "21");
        asaId = id("SELECT id FROM asa_account WHERE sam_account_name = '" + sam + "'");
        String sam2010 = ("OLD" + tag).toUpperCase() + "$";
        admin("/topology/asa-accounts", "forestId", forest, "kind", "COMPUTER", "samAccountName", sam2010, "ou",
                "CN=Computers," + SambaDc.BASE_DN, "encryptionTypes", "24", "rotationDays", "21");
        String asa2010 = Long.toString(id("SELECT id FROM asa_account WHERE sam_account_name = '" + sam2010 + "'"));
        server("cas1", hq, "EXCHANGE_2016", "WS2016", false, Long.toString(asaId));
        server("cas2", hq, "EXCHANGE_2016", "WS2016", false, Long.toString(asaId));
        server("cas3", dr, "EXCHANGE_2016", "WS2019", true, Long.toString(asaId));
        server("cas4", hq, "EXCHANGE_2010", "WS2008_R2", false, asa2010);
        serverId = id("SELECT id FROM exchange_server WHERE fqdn = 'cas1.contoso.test'");
        String[] modern = jdbc.sql("SELECT id FROM exchange_server WHERE fqdn IN ('cas1.contoso.test', 'cas2.contoso.test', "
                + "'cas3.contoso.test')").query(Long.class).list().stream().map(String::valueOf).toArray(String[]::new);
        String old = Long.toString(id("SELECT id FROM exchange_server WHERE fqdn = 'cas4.contoso.test'"));
        admin(post("/topology/cas-arrays").param("fqdn", "outlook-" + tag + ".contoso.test").param("siteId", hq).param("memberIds", old));
        arrayId = id("SELECT id FROM cas_array WHERE fqdn = 'outlook-" + tag + ".contoso.test'");
        admin(post("/topology/namespaces").param("fqdn", namespace).param("scope", "BOTH")
                .param("services", "EWS", "OAB", "OUTLOOK_ANYWHERE", "MAPI_HTTP").param("siteIds", hq).param("serverIds", modern));
        namespaceId = id("SELECT id FROM lb_namespace WHERE fqdn = '" + namespace + "'");
        admin(post("/topology/namespaces").param("fqdn", "autodiscover-" + tag + ".contoso.test").param("scope", "INTERNAL")
                .param("services", "AUTODISCOVER").param("siteIds", hq).param("serverIds", modern));
        admin(post("/topology/namespaces").param("fqdn", "webmail-" + tag + ".contoso.com").param("scope", "EXTERNAL")
                .param("services", "EWS").param("siteIds", hq).param("serverIds", modern));

        // plan 1, reviewed by someone else and run against the lab DC and the simulated members (the SPNs only after every
        // member holds the credential: the executor's interlock)
        firstPlan = storePlan();
        ConsoleUser admin = new ConsoleUser("local:1", "admin", "Bootstrap administrator", ConsoleUser.Method.LOCAL, EnumSet.of(Role.ADMIN));
        long reviewerId = id("SELECT id FROM local_account WHERE username = '" + REVIEWER + "'");
        ConsoleUser reviewer = new ConsoleUser("local:" + reviewerId, REVIEWER, REVIEWER, ConsoleUser.Method.LOCAL, EnumSet.of(Role.APPROVER));
        ChangeRequests changes = context.getBean(ChangeRequests.class);
        Jobs jobs = context.getBean(Jobs.class);
        ChangeRequest first = changes.submit(firstPlan, List.of("create-account", "deploy-credential", "assign-spns"), admin);
        changes.approve(first.id(), first.contentHash(), reviewer, "checked in the change window");
        ranChange = first.id();
        job = jobs.start(first.id(), admin).id();
        awaitEnd(jobs, job);

        // a later edit: plan 2 waits for review (and change 1's page warns that the topology moved on)
        admin(post("/topology/namespaces").param("fqdn", "owa-" + tag + ".contoso.test").param("scope", "INTERNAL")
                .param("services", "EWS").param("siteIds", hq).param("serverIds", modern));
        secondPlan = storePlan();
        waitingChange = changes.submit(secondPlan, List.of("create-account", "deploy-credential", "assign-spns"), admin).id();
        discovery = exchangeDiscovery(DISCOVERED_FROM);

        SpnInventory inventory = context.getBean(SpnInventory.class);
        scan = inventory.runNow(settings.connection(SambaDc.DNS_DOMAIN)).id();
    }

    private static void awaitEnd(Jobs jobs, long id) throws InterruptedException {
        DeploymentJob job = com.asaconsole.deployment.JobEnds.await(jobs, id, Duration.ofSeconds(120));
        if (!job.status().equals(DeploymentJob.Status.SUCCEEDED)) {
            throw new AssertionError("the tour's job ended " + job.status() + ": " + jobs.log(id));
        }
    }

    private void server(String name, String site, String version, String os, boolean standby, String asa) throws Exception {
        String fqdn = name + ".contoso.test";
        admin(post("/topology/servers").param("fqdn", fqdn).param("siteId", site).param("exchangeVersion", version)
                .param("operatingSystem", os).param("winrmEndpoint", endpoints.get(fqdn)).param("winrmAuth", "KERBEROS")
                .param("standby", Boolean.toString(standby)).param("asaAccountId", asa));
    }

    /** Reads the organization from one Exchange server (a simulator reporting the lab's estate): a proposal to look at. */
    private long exchangeDiscovery(String server) throws Exception {
        String location = mvc.perform(post("/topology/discover/exchange").with(csrf()).with(user("tour-admin").roles("ADMIN"))
                .param("server", server).param("version", "EXCHANGE_2019")).andExpect(status().is3xxRedirection()).andReturn().getResponse()
                .getRedirectedUrl();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private int storePlan() throws Exception {
        String location = mvc.perform(post("/plans").with(csrf()).with(user("tour-admin").roles("ADMIN")))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        return Integer.parseInt(location.substring(location.lastIndexOf('/') + 1));
    }

    private void admin(String path, String... pairs) throws Exception {
        MockHttpServletRequestBuilder request = post(path);
        for (int i = 0; i < pairs.length; i += 2) {
            request.param(pairs[i], pairs[i + 1]);
        }
        admin(request);
    }

    private void admin(MockHttpServletRequestBuilder request) throws Exception {
        mvc.perform(request.with(csrf()).with(user("tour-admin").roles("ADMIN"))).andExpect(status().is3xxRedirection());
    }

    private long id(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
