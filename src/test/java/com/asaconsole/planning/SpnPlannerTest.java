package com.asaconsole.planning;

import static com.asaconsole.planning.Estate.ASA;
import static com.asaconsole.planning.Estate.ASA_2016;
import static com.asaconsole.topology.ExchangeService.AUTODISCOVER;
import static com.asaconsole.topology.ExchangeService.ECP;
import static com.asaconsole.topology.ExchangeService.EWS;
import static com.asaconsole.topology.ExchangeService.MAPI_HTTP;
import static com.asaconsole.topology.ExchangeService.OAB;
import static com.asaconsole.topology.ExchangeService.OUTLOOK_ANYWHERE;
import static com.asaconsole.topology.ExchangeService.OWA;
import static com.asaconsole.topology.ExchangeService.RPC;
import static com.asaconsole.topology.ExchangeVersion.EXCHANGE_2010;
import static com.asaconsole.topology.ExchangeVersion.EXCHANGE_2016;
import static com.asaconsole.topology.NamespaceScope.BOTH;
import static com.asaconsole.topology.NamespaceScope.EXTERNAL;
import static com.asaconsole.topology.NamespaceScope.INTERNAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.asaconsole.topology.AsaKind;
import com.asaconsole.topology.WindowsServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The planner against the estates the facts file describes: the SPNs and the rule codes each must produce. */
class SpnPlannerTest {

    record Case(String name, Estate estate, Set<String> spns, Set<String> blocks, Set<String> mustFind, Set<String> mustNotFind) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> estates() {
        return Stream.of(
                new Case("Exchange 2010 single site: outlook, mail, autodiscover -> 5 SPNs",
                        Estate.contoso().asa(ASA)
                                .server("cas01", EXCHANGE_2010, "HQ", ASA).server("cas02", EXCHANGE_2010, "HQ", ASA)
                                .casArray("outlook", "HQ", "cas01", "cas02")
                                .namespace("outlook", INTERNAL, "HQ", List.of(RPC), "cas01", "cas02")
                                .namespace("mail", BOTH, "HQ", List.of(EWS, OAB, OUTLOOK_ANYWHERE), "cas01", "cas02")
                                .namespace("autodiscover", BOTH, "HQ", List.of(AUTODISCOVER), "cas01", "cas02"),
                        Set.of("http/mail.contoso.com", "http/autodiscover.contoso.com", "exchangeMDB/outlook.contoso.com",
                                "exchangeRFR/outlook.contoso.com", "exchangeAB/outlook.contoso.com"),
                        Set.of(), Set.of("STALE_CLEANUP", "SPN_ON_COMPUTER"), Set.of("OUTLOOK_MINIMUM", "RPC_WITHOUT_ARRAY")),
                new Case("Exchange 2016 only, single site: mail, autodiscover -> 2 http SPNs",
                        Estate.contoso().asa(ASA)
                                .server("ex01", EXCHANGE_2016, "HQ", ASA).server("ex02", EXCHANGE_2016, "HQ", ASA)
                                .namespace("mail", BOTH, "HQ", List.of(EWS, OAB, OUTLOOK_ANYWHERE, MAPI_HTTP), "ex01", "ex02")
                                .namespace("autodiscover", BOTH, "HQ", List.of(AUTODISCOVER), "ex01", "ex02"),
                        Set.of("http/mail.contoso.com", "http/autodiscover.contoso.com"), Set.of(), Set.of("OUTLOOK_MINIMUM"), Set.of()),
                new Case("Exchange 2016, two sites -> 4 http SPNs on one ASA",
                        Estate.contoso().asa(ASA)
                                .server("ex01", EXCHANGE_2016, "HQ", ASA).server("ex11", EXCHANGE_2016, "DR", ASA)
                                .namespace("mail", BOTH, "HQ", List.of(EWS, MAPI_HTTP), "ex01")
                                .namespace("autodiscover", BOTH, "HQ", List.of(AUTODISCOVER), "ex01")
                                .namespace("mailsdc", BOTH, "DR", List.of(EWS, MAPI_HTTP), "ex11")
                                .namespace("autodiscoversdc", BOTH, "DR", List.of(AUTODISCOVER), "ex11"),
                        Set.of("http/mail.contoso.com", "http/autodiscover.contoso.com", "http/mailsdc.contoso.com",
                                "http/autodiscoversdc.contoso.com"), Set.of(), Set.of(), Set.of()),
                new Case("External-only namespace: no SPN, INFO",
                        Estate.contoso().asa(ASA).server("ex01", EXCHANGE_2016, "HQ", ASA)
                                .namespace("mail", INTERNAL, "HQ", List.of(EWS), "ex01")
                                .namespace("owa-external", EXTERNAL, "HQ", List.of(OUTLOOK_ANYWHERE), "ex01"),
                        Set.of("http/mail.contoso.com"), Set.of(), Set.of("EXTERNAL_ONLY"), Set.of()),
                new Case("Namespace equal to a server FQDN: BLOCK, no SPN on the server name",
                        Estate.contoso().asa(ASA).server("ex01", EXCHANGE_2016, "HQ", ASA)
                                .namespace("ex01", BOTH, "HQ", List.of(EWS), "ex01"),
                        Set.of(), Set.of("NAMESPACE_IS_SERVER"), Set.of(), Set.of()),
                new Case("Mixed 2010 + 2016 on one ASA: BLOCK",
                        Estate.contoso().asa(ASA)
                                .server("cas01", EXCHANGE_2010, "HQ", ASA).server("ex01", EXCHANGE_2016, "HQ", ASA)
                                .casArray("outlook", "HQ", "cas01")
                                .namespace("mail", BOTH, "HQ", List.of(EWS), "ex01"),
                        Set.of("http/mail.contoso.com", "exchangeMDB/outlook.contoso.com", "exchangeRFR/outlook.contoso.com",
                                "exchangeAB/outlook.contoso.com"), Set.of("MIXED_VERSIONS"), Set.of(), Set.of()),
                new Case("Mixed 2010 + 2016 on two ASAs: no BLOCK",
                        Estate.contoso().asa(ASA).asa(ASA_2016)
                                .server("cas01", EXCHANGE_2010, "HQ", ASA).server("ex01", EXCHANGE_2016, "HQ", ASA_2016)
                                .casArray("outlook", "HQ", "cas01")
                                .namespace("mail", BOTH, "HQ", List.of(EWS), "ex01"),
                        Set.of("http/mail.contoso.com", "exchangeMDB/outlook.contoso.com", "exchangeRFR/outlook.contoso.com",
                                "exchangeAB/outlook.contoso.com"), Set.of(), Set.of(), Set.of("MIXED_VERSIONS")),
                new Case("DR/standby server not planned to hold the namespace's ASA: BLOCK",
                        Estate.contoso().asa(ASA)
                                .server("ex01", EXCHANGE_2016, "HQ", ASA)
                                .server("ex11", EXCHANGE_2016, WindowsServer.WS2019, "DR", true, null)
                                .namespace("mail", BOTH, "HQ", List.of(EWS), "ex01", "ex11"),
                        Set.of("http/mail.contoso.com"), Set.of("STANDBY_WITHOUT_ASA"), Set.of(), Set.of()),
                new Case("gMSA: BLOCK",
                        Estate.contoso().asa(ASA, AsaKind.GMSA, 24, true).server("ex01", EXCHANGE_2016, "HQ", ASA)
                                .namespace("mail", BOTH, "HQ", List.of(EWS), "ex01"),
                        Set.of("http/mail.contoso.com"), Set.of("GMSA"), Set.of(), Set.of()),
                new Case("User account with an expiring password and RC4: WARNs, no BLOCK",
                        Estate.contoso().asa(ASA, AsaKind.USER, 28, false).server("ex01", EXCHANGE_2016, "HQ", ASA)
                                .namespace("mail", BOTH, "HQ", List.of(EWS), "ex01"),
                        Set.of("http/mail.contoso.com"), Set.of(), Set.of("PASSWORD_EXPIRES", "RC4", "USER_ACCOUNT"), Set.of("NO_AES")),
                new Case("RC4 only: BLOCK",
                        Estate.contoso().asa(ASA, AsaKind.COMPUTER, 4, true).server("ex01", EXCHANGE_2016, "HQ", ASA)
                                .namespace("mail", BOTH, "HQ", List.of(EWS), "ex01"),
                        Set.of("http/mail.contoso.com"), Set.of("NO_AES"), Set.of(), Set.of("RC4")),
                new Case("Exchange 2010 on Windows Server 2012: OAB .NET 4.0 WARN",
                        Estate.contoso().asa(ASA).server("cas01", EXCHANGE_2010, WindowsServer.WS2012, "HQ", false, ASA)
                                .namespace("mail", BOTH, "HQ", List.of(OAB), "cas01"),
                        Set.of("http/mail.contoso.com"), Set.of(), Set.of("OAB_NET4"), Set.of("OUTLOOK_MINIMUM")),
                new Case("Servers behind one name on two ASAs: BLOCK, no SPN",
                        Estate.contoso().asa(ASA).asa(ASA_2016)
                                .server("ex01", EXCHANGE_2016, "HQ", ASA).server("ex02", EXCHANGE_2016, "HQ", ASA_2016)
                                .namespace("mail", BOTH, "HQ", List.of(EWS), "ex01", "ex02"),
                        Set.of(), Set.of("SPLIT_ASA"), Set.of(), Set.of()),
                new Case("No ASA planned and an unused ASA: WARNs, no SPN",
                        Estate.contoso().asa(ASA).server("ex01", EXCHANGE_2016, "HQ", null)
                                .namespace("mail", BOTH, "HQ", List.of(EWS), "ex01"),
                        Set.of(), Set.of(), Set.of("NO_ASA", "ASA_UNUSED"), Set.of()),
                new Case("Internal OWA-only name: its own http/ SPN (browsers ask for it with Windows sign-in)",
                        Estate.contoso().asa(ASA).server("ex01", EXCHANGE_2016, "HQ", ASA)
                                .namespace("owa", INTERNAL, "HQ", List.of(OWA), "ex01"),
                        Set.of("http/owa.contoso.com"), Set.of(), Set.of(), Set.of("EXTERNAL_ONLY", "NO_SERVERS")),
                new Case("Internal ECP-only name: its own http/ SPN",
                        Estate.contoso().asa(ASA).server("ex01", EXCHANGE_2016, "HQ", ASA)
                                .namespace("admin", BOTH, "HQ", List.of(ECP), "ex01"),
                        Set.of("http/admin.contoso.com"), Set.of(), Set.of(), Set.of()),
                new Case("External-only OWA name: no SPN, INFO",
                        Estate.contoso().asa(ASA).server("ex01", EXCHANGE_2016, "HQ", ASA)
                                .namespace("mail", INTERNAL, "HQ", List.of(EWS), "ex01")
                                .namespace("webmail", EXTERNAL, "HQ", List.of(OWA, ECP), "ex01"),
                        Set.of("http/mail.contoso.com"), Set.of(), Set.of("EXTERNAL_ONLY"), Set.of()),
                new Case("One name served from a primary and a DR site: one http/ SPN, every server of both sites on its ASA",
                        Estate.contoso().asa(ASA)
                                .server("ex01", EXCHANGE_2016, "HQ", ASA)
                                .server("ex11", EXCHANGE_2016, WindowsServer.WS2019, "DR", true, ASA)
                                .namespaceIn("mail", BOTH, List.of("HQ", "DR"), List.of(EWS, MAPI_HTTP, OWA), "ex01", "ex11"),
                        Set.of("http/mail.contoso.com"), Set.of(), Set.of(),
                        Set.of("SITE_WITHOUT_SERVERS", "SERVER_OUTSIDE_SITES", "STANDBY_WITHOUT_ASA", "SERVER_WITHOUT_ASA")),
                new Case("A name served from two sites whose DR server lacks the ASA: BLOCK",
                        Estate.contoso().asa(ASA)
                                .server("ex01", EXCHANGE_2016, "HQ", ASA)
                                .server("ex11", EXCHANGE_2016, WindowsServer.WS2019, "DR", true, null)
                                .namespaceIn("mail", BOTH, List.of("HQ", "DR"), List.of(EWS), "ex01", "ex11"),
                        Set.of("http/mail.contoso.com"), Set.of("STANDBY_WITHOUT_ASA"), Set.of(), Set.of("SITE_WITHOUT_SERVERS")),
                new Case("A name served from a site none of its servers is in: WARN",
                        Estate.contoso().asa(ASA).server("ex01", EXCHANGE_2016, "HQ", ASA)
                                .namespaceIn("mail", BOTH, List.of("HQ", "DR"), List.of(EWS), "ex01"),
                        Set.of("http/mail.contoso.com"), Set.of(), Set.of("SITE_WITHOUT_SERVERS"), Set.of("SERVER_OUTSIDE_SITES")),
                new Case("A server behind a name outside the sites it is served from: WARN",
                        Estate.contoso().asa(ASA)
                                .server("ex01", EXCHANGE_2016, "HQ", ASA).server("ex11", EXCHANGE_2016, "DR", ASA)
                                .namespace("mail", BOTH, "HQ", List.of(EWS), "ex01", "ex11"),
                        Set.of("http/mail.contoso.com"), Set.of(), Set.of("SERVER_OUTSIDE_SITES"), Set.of("SITE_WITHOUT_SERVERS")))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("estates")
    void plansTheSpnsAndFindingsTheFactsRequire(Case c) {
        Plan plan = SpnPlanner.plan(c.estate().snapshot());
        assertThat(plan.spns()).extracting(PlannedSpn::spn).containsExactlyInAnyOrderElementsOf(c.spns());
        assertThat(plan.blocking()).extracting(Finding::rule).containsExactlyInAnyOrderElementsOf(c.blocks());
        assertThat(plan.blocked()).isEqualTo(!c.blocks().isEmpty());
        List<String> rules = plan.findings().stream().map(Finding::rule).toList();
        assertThat(rules).containsAll(c.mustFind());
        assertThat(rules).filteredOn(c.mustNotFind()::contains).isEmpty();
        assertThat(plan.findings()).allSatisfy(f -> {
            assertThat(f.sentence()).endsWith(".");
            assertThat(f.fix()).isNotBlank();
        });
    }

    @Test
    void eachSpnCarriesItsReasonAndLandsOnTheRightAsa() {
        Plan plan = SpnPlanner.plan(Estate.contoso().asa(ASA).asa(ASA_2016)
                .server("cas01", EXCHANGE_2010, "HQ", ASA).server("ex01", EXCHANGE_2016, "HQ", ASA_2016)
                .casArray("outlook", "HQ", "cas01")
                .namespace("mail", BOTH, "HQ", List.of(EWS, MAPI_HTTP), "ex01").snapshot());
        assertThat(plan.spnsOf(ASA)).extracting(PlannedSpn::spn)
                .containsExactly("exchangeAB/outlook.contoso.com", "exchangeMDB/outlook.contoso.com", "exchangeRFR/outlook.contoso.com");
        PlannedSpn http = plan.spnsOf(ASA_2016).get(0);
        assertThat(http.spn()).isEqualTo("http/mail.contoso.com");
        assertThat(http.reason()).isEqualTo("namespace mail.contoso.com carries EWS, MAPI/HTTP for Exchange 2016");
        assertThat(plan.byAsaAndHost().get(ASA)).containsOnlyKeys("outlook.contoso.com");
    }

    @Test
    void anOwaOnlySpnSaysWhatTheNameCarries() {
        Plan plan = SpnPlanner.plan(Estate.contoso().asa(ASA).server("ex01", EXCHANGE_2016, "HQ", ASA)
                .namespace("owa", INTERNAL, "HQ", List.of(OWA, ECP), "ex01").snapshot());
        assertThat(plan.spns()).singleElement().satisfies(spn -> assertThat(spn.reason())
                .isEqualTo("namespace owa.contoso.com carries Outlook on the web (OWA), ECP / Exchange admin center for Exchange 2016"));
    }

    @Test
    void theSiteFindingsNameTheSiteAndTheServer() {
        Plan plan = SpnPlanner.plan(Estate.contoso().asa(ASA)
                .server("ex01", EXCHANGE_2016, "HQ", ASA).server("ex21", EXCHANGE_2016, "Branch", ASA)
                .namespaceIn("mail", BOTH, List.of("HQ", "DR"), List.of(EWS), "ex01", "ex21").snapshot());
        assertThat(plan.findings()).filteredOn(f -> f.rule().equals("SITE_WITHOUT_SERVERS")).singleElement()
                .satisfies(f -> assertThat(f.sentence()).isEqualTo("mail.contoso.com is served from site DR, but none of the servers behind "
                        + "it is in DR; the servers there that answer it would get no ASA."));
        assertThat(plan.findings()).filteredOn(f -> f.rule().equals("SERVER_OUTSIDE_SITES")).singleElement()
                .satisfies(f -> assertThat(f.sentence()).isEqualTo("ex21.contoso.com answers mail.contoso.com but is in site Branch, "
                        + "which is not among the sites mail.contoso.com is served from (DR, HQ)."));
    }

    @Test
    void theMixedVersionFindingNamesTheServersAndTheFix() {
        Plan plan = SpnPlanner.plan(Estate.contoso().asa(ASA)
                .server("cas01", EXCHANGE_2010, "HQ", ASA).server("ex01", EXCHANGE_2016, "HQ", ASA).snapshot());
        Finding mixed = plan.blocking().get(0);
        assertThat(mixed.sentence()).isEqualTo("Exchange 2010 and 2013+ servers can't share an ASA, but CONTOSO\\EXCH-ASA$ is planned for "
                + "Exchange 2010 (cas01.contoso.com) and 2013+ (ex01.contoso.com).");
        assertThat(mixed.fix()).contains("second ASA");
    }
}
