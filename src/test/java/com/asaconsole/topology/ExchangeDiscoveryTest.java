package com.asaconsole.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.asaconsole.ConsoleTest;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;
import com.asaconsole.lab.cas.LabWinRm;
import com.asaconsole.lab.cas.SimulatedCasMembers;
import com.asaconsole.lab.cas.SimulatedEstate;
import com.asaconsole.planning.Finding;
import com.asaconsole.planning.PlanVersions;
import com.asaconsole.planning.PlannedSpn;
import com.asaconsole.remoting.ExchangeVersion;
import com.asaconsole.topology.ExchangeProposal.Change;
import com.asaconsole.topology.ExchangeProposal.Item;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * "Fill the topology from Exchange" against CAS member SIMULATORs of Exchange 2010, 2016 and 2019 that
 * answer the read-only discovery scripts from one configured estate (the lab's: a 2010 site with an RPC
 * array, a 2016 site, a 2019 DR site), over real WinRM with Kerberos from the Samba DC: each version
 * proposes exactly that estate; nothing is stored before a confirmation; confirming fills the topology
 * and the plan; a simulated change shows as new, changed and gone, and confirming it updates the plan.
 */
@ConsoleTest
@AutoConfigureMockMvc
@ExtendWith(SambaLab.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@LabTest
class ExchangeDiscoveryTest {

    static final RequestPostProcessor ADMIN = user("discoverer").roles("ADMIN");
    static final String ASA_2010 = "CONTOSO\\EXASA10$";
    static final String ASA_2016 = "CONTOSO\\EXASA16$";

    static SimulatedEstate estate;
    static SimulatedCasMembers members;

    @DynamicPropertySource
    static void winrm(DynamicPropertyRegistry registry) {
        LabWinRm.settings(registry);
        for (String host : List.of("cas1", "cas2", "cas3", "cas4", "cas5", "cas6")) {
            registry.add("asa.remoting.endpoints[" + host + ".contoso.test]", () -> simulators().endpointsByHost().get(host + ".contoso.test"));
        }
    }

    /** The lab's estate, one simulator per server, plus cas6 (2019), which joins the estate later. */
    static synchronized SimulatedCasMembers simulators() {
        if (members == null) {
            estate = SimulatedEstate.lab();
            members = new SimulatedCasMembers(SambaLab.dc(), estate.namespaceSpns());
            members.startEstate(estate);
            members.start("cas6.contoso.test", ExchangeVersion.EXCHANGE_2019);
        }
        return members;
    }

    @AfterAll
    static void stop() {
        if (members != null) {
            members.close();
        }
    }

    @Autowired MockMvc mvc;
    @Autowired ExchangeDiscovery discovery;
    @Autowired Topology topology;
    @Autowired PlanVersions plans;
    @Autowired JdbcClient jdbc;

    /** The lab estate as the console models it, item by item, in words. */
    static final Map<String, String> LAB = new LinkedHashMap<>();
    static {
        LAB.put("site:Legacy", "in forest contoso.test");
        LAB.put("site:Primary", "in forest contoso.test");
        LAB.put("site:Recovery", "in forest contoso.test");
        LAB.put("server:cas1.contoso.test", "Exchange 2010 SP1+, site Legacy");
        LAB.put("server:cas2.contoso.test", "Exchange 2010 SP1+, site Legacy");
        LAB.put("server:cas3.contoso.test", "Exchange 2016, site Primary");
        LAB.put("server:cas4.contoso.test", "Exchange 2016, site Primary");
        LAB.put("server:cas5.contoso.test", "Exchange 2019, site Recovery, DR/standby");
        LAB.put("array:outlook.contoso.test", "site Legacy; members cas1.contoso.test, cas2.contoso.test");
        LAB.put("namespace:autodiscover.contoso.test", "internal; Autodiscover; sites Primary, Recovery; "
                + "servers cas3.contoso.test, cas4.contoso.test, cas5.contoso.test");
        LAB.put("namespace:legacy.contoso.test", "internal and external; EWS, OAB, Autodiscover, Outlook Anywhere; sites Legacy; "
                + "servers cas1.contoso.test, cas2.contoso.test");
        LAB.put("namespace:mail.contoso.test", "internal and external; EWS, OAB, Outlook Anywhere, MAPI/HTTP, Outlook on the web (OWA), "
                + "ECP / Exchange admin center; sites Primary, Recovery; servers cas3.contoso.test, cas4.contoso.test, cas5.contoso.test");
        LAB.put("namespace:owa.contoso.test", "internal; Outlook on the web (OWA), ECP / Exchange admin center; sites Legacy; "
                + "servers cas1.contoso.test, cas2.contoso.test");
    }

    @Test
    @Order(1)
    void serversOf2010And2016And2019EachProposeExactlyTheConfiguredEstateAndNothingIsStored() throws Exception {
        simulators();
        forest();
        for (String asked : List.of("cas1.contoso.test|EXCHANGE_2010", "cas3.contoso.test|EXCHANGE_2016", "cas5.contoso.test|EXCHANGE_2019")) {
            String[] parts = asked.split("\\|");
            ExchangeProposal proposal = discovery.find(ask(parts[0], parts[1]));
            Map<String, String> proposed = proposal.items().stream().collect(Collectors.toMap(Item::key, Item::proposed, (a, b) -> a,
                    LinkedHashMap::new));
            assertThat(proposed).as("asked " + asked).containsExactlyInAnyOrderEntriesOf(LAB);
            assertThat(proposal.items()).as(asked).allSatisfy(i -> assertThat(i.change()).isEqualTo(Change.NEW));
            assertThat(notes(proposal, "server:cas5.contoso.test")).anySatisfy(n -> assertThat(n)
                    .startsWith("DR candidate: DAG DAG1 spans Primary (2), Recovery (1); most of it is in Primary"));
            assertThat(notes(proposal, "server:cas1.contoso.test"))
                    .contains("WinRM: " + simulators().endpointsByHost().get("cas1.contoso.test"),
                            "Operating system assumed: Windows Server 2008 R2 (Exchange doesn't report it; correct it under Exchange servers if it differs).");
            assertThat(proposal.notes()).isEmpty();
        }
        // reading Exchange stored a proposal and nothing else
        assertThat(topology.snapshot().servers()).isEmpty();
        assertThat(topology.snapshot().namespaces()).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = 'topology.discovery.read'").query(Long.class).single())
                .isEqualTo(3);
        // the proposal page shows it beside the model, with a box per item
        String page = mvc.perform(get("/topology/discover/exchange/" + lastRun()).with(ADMIN)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("Read from cas5.contoso.test (Exchange 2019) for forest contoso.test.")
                .contains("13 new, 0 changed, 0 gone, 0 the same.").contains("value=\"namespace:owa.contoso.test\"")
                .contains("(not modelled)");
        // a reviewer can't read Exchange, nor see the page
        mvc.perform(post("/topology/discover/exchange").with(csrf()).with(user("rita").roles("APPROVER")).param("server", "cas3.contoso.test")
                .param("version", "EXCHANGE_2016")).andExpect(status().isForbidden());
        mvc.perform(get("/topology/discover/exchange/" + lastRun()).with(user("rita").roles("APPROVER"))).andExpect(status().isForbidden());
    }

    @Test
    @Order(2)
    void confirmingFillsTheTopologyAndASimulatedChangeShowsAsNewChangedAndGone() throws Exception {
        simulators();
        forest();
        long first = ask("cas3.contoso.test", "EXCHANGE_2016");
        // names without the servers behind them: refused with a sentence, nothing saved
        mvc.perform(confirm(first, "namespace:mail.contoso.test", "site:Primary", "site:Recovery"))
                .andExpect(flash().attribute("error", "The namespace mail.contoso.test is answered by cas3.contoso.test, which is not in the "
                        + "topology: confirm the server too. Nothing was saved."));
        assertThat(topology.snapshot().sites()).extracting(TopologySnapshot.SiteInfo::name).doesNotContain("Primary");

        mvc.perform(confirm(first, LAB.keySet().toArray(String[]::new)))
                .andExpect(flash().attribute("success", org.hamcrest.Matchers.startsWith("Confirmed 13 item(s) into the topology")));
        TopologySnapshot model = topology.snapshot();
        assertThat(model.servers()).extracting(TopologySnapshot.ServerInfo::fqdn).containsExactly("cas1.contoso.test", "cas2.contoso.test",
                "cas3.contoso.test", "cas4.contoso.test", "cas5.contoso.test");
        assertThat(model.servers()).filteredOn(TopologySnapshot.ServerInfo::standby).extracting(TopologySnapshot.ServerInfo::fqdn)
                .containsExactly("cas5.contoso.test");
        assertThat(model.servers().get(0).winrmEndpoint()).isEqualTo(simulators().endpointsByHost().get("cas1.contoso.test"));
        assertThat(model.namespaces()).filteredOn(n -> n.fqdn().equals("mail.contoso.test")).singleElement()
                .satisfies(n -> assertThat(n.sites()).containsExactly("Primary", "Recovery"));
        assertThat(model.casArrays()).singleElement().satisfies(a -> assertThat(a.members()).containsExactly("cas1.contoso.test",
                "cas2.contoso.test"));
        assertThat(jdbc.sql("SELECT details FROM audit_record WHERE action = 'topology.discovery.confirmed' ORDER BY seq DESC")
                .query(String.class).list().get(0)).contains("server:cas5.contoso.test").contains("namespace:owa.contoso.test");
        // a proposal is confirmed once
        mvc.perform(confirm(first, "site:Legacy")).andExpect(flash().attribute("error", org.hamcrest.Matchers.startsWith(
                "This proposal was confirmed already")));
        // discovering again: everything the same
        ExchangeProposal again = discovery.find(ask("cas1.contoso.test", "EXCHANGE_2010"));
        assertThat(again.items()).allSatisfy(i -> assertThat(i.change()).as(i.key()).isEqualTo(Change.SAME));

        // the admin plans two ASAs (2010 and 2013+ can't share one) and assigns the servers
        asas();
        Set<String> planned = plans.current().plan().spns().stream().map(PlannedSpn::spn).collect(Collectors.toSet());
        assertThat(planned).containsExactlyInAnyOrder("http/legacy.contoso.test", "http/owa.contoso.test", "exchangeMDB/outlook.contoso.test",
                "exchangeRFR/outlook.contoso.test", "exchangeAB/outlook.contoso.test", "http/mail.contoso.test",
                "http/autodiscover.contoso.test");
        assertThat(plans.current().plan().blocked()).as(plans.current().plan().blocking().toString()).isFalse();

        // the estate changes: cas4 is decommissioned, cas6 (2019) joins the DR site, cas5's EWS moves to a DR name of its own
        estate.remove("cas4.contoso.test").server("cas6.contoso.test", SimulatedEstate.RECOVERY, ExchangeVersion.EXCHANGE_2019)
                .mailUrls("cas6.contoso.test").url("cas5.contoso.test", "EWS", "https://maildr.contoso.test/EWS/Exchange.asmx", "");
        long second = ask("cas5.contoso.test", "EXCHANGE_2019");
        ExchangeProposal changed = discovery.find(second);
        Map<String, Change> changes = changed.items().stream().filter(i -> i.change() != Change.SAME)
                .collect(Collectors.toMap(Item::key, Item::change));
        assertThat(changes).containsExactlyInAnyOrderEntriesOf(Map.of("server:cas4.contoso.test", Change.GONE,
                "server:cas6.contoso.test", Change.NEW, "namespace:mail.contoso.test", Change.CHANGED,
                "namespace:autodiscover.contoso.test", Change.CHANGED, "namespace:maildr.contoso.test", Change.NEW));
        Item mail = item(changed, "namespace:mail.contoso.test");
        assertThat(mail.modelled()).endsWith("servers cas3.contoso.test, cas4.contoso.test, cas5.contoso.test");
        assertThat(mail.proposed()).endsWith("servers cas3.contoso.test, cas5.contoso.test, cas6.contoso.test");
        assertThat(item(changed, "namespace:maildr.contoso.test").proposed()).isEqualTo("internal; EWS; sites Recovery; servers cas5.contoso.test");
        assertThat(item(changed, "server:cas4.contoso.test").proposed()).isNull();
        assertThat(item(changed, "server:cas4.contoso.test").modelled()).isEqualTo("Exchange 2016, site Primary");
        String page = mvc.perform(get("/topology/discover/exchange/" + second).with(ADMIN)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("2 new, 2 changed, 1 gone, 10 the same.").contains("(not reported)");

        // a proposal made before the topology changed can't be confirmed over it
        long stale = ask("cas3.contoso.test", "EXCHANGE_2016");
        mvc.perform(confirm(second, changes.keySet().toArray(String[]::new)))
                .andExpect(flash().attribute("success", org.hamcrest.Matchers.startsWith("Confirmed 5 item(s)")));
        mvc.perform(confirm(stale, "server:cas6.contoso.test")).andExpect(flash().attribute("error",
                "Exchange server cas6.contoso.test changed in the topology since this proposal was made; nothing was saved. "
                        + "Discover again to see the difference as it is now."));

        // the plan follows: the DR name gets its SPN, the new member has no ASA yet (BLOCK), cas4 is gone
        var plan = plans.current().plan();
        assertThat(plan.spns()).extracting(PlannedSpn::spn).contains("http/maildr.contoso.test");
        assertThat(plan.blocking()).extracting(Finding::subject).contains("cas6.contoso.test mail.contoso.test");
        assertThat(topology.snapshot().servers()).extracting(TopologySnapshot.ServerInfo::fqdn).doesNotContain("cas4.contoso.test")
                .contains("cas6.contoso.test");
    }

    // ---------------------------------------------------------------- helpers

    /** Asks a server through the page, as an admin does; answers the stored proposal's id. */
    private long ask(String server, String version) throws Exception {
        String location = mvc.perform(post("/topology/discover/exchange").with(csrf()).with(ADMIN).param("server", server)
                .param("version", version)).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder confirm(long id, String... items) {
        return post("/topology/discover/exchange/" + id).with(csrf()).with(ADMIN).param("item", items);
    }

    private long lastRun() {
        return jdbc.sql("SELECT MAX(id) FROM exchange_discovery").query(Long.class).single();
    }

    private static Item item(ExchangeProposal proposal, String key) {
        return proposal.items().stream().filter(i -> i.key().equals(key)).findFirst().orElseThrow();
    }

    private static List<String> notes(ExchangeProposal proposal, String key) {
        return item(proposal, key).notes();
    }

    private void forest() throws Exception {
        if (jdbc.sql("SELECT COUNT(*) FROM forest WHERE dns_name = 'contoso.test'").query(Long.class).single() == 0) {
            mvc.perform(post("/topology/forests").with(csrf()).with(ADMIN).param("dnsName", SambaDc.DNS_DOMAIN)
                    .param("netbiosName", SambaDc.NETBIOS_DOMAIN).param("ldapsEndpoint", "ldaps://dc1.contoso.test:636")
                    .param("globalCatalogEndpoint", "ldaps://dc1.contoso.test:3269").param("asaOu", "CN=Computers," + SambaDc.BASE_DN)
                    .param("credentialRef", "bind")).andExpect(status().is3xxRedirection());
        }
    }

    /** EXASA10$ for the 2010 servers, EXASA16$ for 2016 and 2019, entered on the pages. */
    private void asas() throws Exception {
        long forest = jdbc.sql("SELECT id FROM forest WHERE dns_name = 'contoso.test'").query(Long.class).single();
        for (String sam : List.of("EXASA10$", "EXASA16$")) {
            mvc.perform(post("/topology/asa-accounts").with(csrf()).with(ADMIN).param("forestId", Long.toString(forest)).param("kind", "COMPUTER")
                    .param("samAccountName", sam).param("ou", "CN=Computers," + SambaDc.BASE_DN).param("encryptionTypes", "24")
                    .param("rotationDays", "21")).andExpect(status().is3xxRedirection());
        }
        for (TopologySnapshot.ServerInfo s : topology.snapshot().servers()) {
            String sam = s.version() == com.asaconsole.topology.ExchangeVersion.EXCHANGE_2010 ? "EXASA10$" : "EXASA16$";
            long asa = jdbc.sql("SELECT id FROM asa_account WHERE sam_account_name = :s").param("s", sam).query(Long.class).single();
            Map<String, Object> row = jdbc.sql("SELECT id, site_id, operating_system, version FROM exchange_server WHERE fqdn = :f")
                    .param("f", s.fqdn()).query().singleRow();
            mvc.perform(post("/topology/servers/" + row.get("id")).with(csrf()).with(ADMIN).param("fqdn", s.fqdn())
                    .param("siteId", row.get("site_id").toString()).param("exchangeVersion", s.version().name())
                    .param("operatingSystem", row.get("operating_system").toString()).param("winrmEndpoint", s.winrmEndpoint())
                    .param("winrmAuth", "KERBEROS").param("standby", Boolean.toString(s.standby())).param("asaAccountId", Long.toString(asa))
                    .param("version", row.get("version").toString())).andExpect(status().is3xxRedirection());
        }
        assertThat(topology.snapshot().servers()).extracting(TopologySnapshot.ServerInfo::asa).containsOnly(ASA_2010, ASA_2016);
    }
}
