package com.asaconsole.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.asaconsole.topology.AsaKind;
import com.asaconsole.topology.ExchangeService;
import com.asaconsole.topology.ExchangeVersion;
import com.asaconsole.topology.NamespaceScope;
import com.asaconsole.topology.TopologySnapshot;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot.CasArrayInfo;
import com.asaconsole.topology.TopologySnapshot.NamespaceInfo;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;
import com.asaconsole.topology.TopologySnapshot.SiteInfo;
import com.asaconsole.topology.WinRmAuth;
import com.asaconsole.topology.WindowsServer;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariants over random estates: names drawn from a small pool so that namespaces collide with
 * server names, servers share or split ASAs, versions mix, and standby servers appear.
 */
class SpnPlannerPropertiesTest {

    private static final List<String> HOSTS = List.of("mail", "autodiscover", "outlook", "ex01", "ex02", "cas01", "mailsdc", "owa");
    private static final List<String> ASAS = List.of("CONTOSO\\ASA1$", "CONTOSO\\ASA2$");

    @Property(tries = 500)
    void noSpnIsPlannedTwice(@ForAll("estates") TopologySnapshot estate) {
        List<String> spns = SpnPlanner.plan(estate).spns().stream().map(s -> s.spn().toLowerCase(Locale.ROOT)).toList();
        assertThat(new HashSet<>(spns)).hasSameSizeAs(spns);
    }

    @Property(tries = 500)
    void noSpnIsOnAServerName(@ForAll("estates") TopologySnapshot estate) {
        Set<String> serverNames = new HashSet<>();
        estate.servers().forEach(s -> serverNames.add(s.fqdn().toLowerCase(Locale.ROOT)));
        assertThat(SpnPlanner.plan(estate).spns()).allSatisfy(spn ->
                assertThat(serverNames).doesNotContain(spn.spn().substring(spn.spn().indexOf('/') + 1).toLowerCase(Locale.ROOT)));
    }

    @Property(tries = 500)
    void everyInternalHttpNamespaceIsCoveredExactlyOnceOrExplained(@ForAll("estates") TopologySnapshot estate) {
        Plan plan = SpnPlanner.plan(estate);
        for (NamespaceInfo ns : estate.namespaces()) {
            boolean http = ns.services().stream().anyMatch(ExchangeService::isHttp);
            long covered = plan.spns().stream().filter(s -> s.spn().equalsIgnoreCase("http/" + ns.fqdn())).count();
            if (!ns.scope().isInternal() || !http) {
                assertThat(covered).as("no http SPN for " + ns).isZero();
                continue;
            }
            boolean explained = plan.findings().stream().anyMatch(f -> f.severity() != Severity.INFO && f.subject().contains(ns.fqdn()));
            if (covered == 0) {
                assertThat(explained).as("a missing SPN for " + ns.fqdn() + " is explained by a finding").isTrue();
            } else {
                assertThat(covered).as("http SPN for " + ns.fqdn()).isEqualTo(1);
            }
        }
    }

    @Property(tries = 300)
    void everySpnGoesToTheAsaOfTheServersBehindItsName(@ForAll("estates") TopologySnapshot estate) {
        for (PlannedSpn spn : SpnPlanner.plan(estate).spns()) {
            List<String> behind = new ArrayList<>();
            estate.namespaces().stream().filter(n -> n.fqdn().equals(spn.host())).forEach(n -> behind.addAll(n.servers()));
            estate.casArrays().stream().filter(a -> a.fqdn().equals(spn.host())).forEach(a -> behind.addAll(a.members()));
            assertThat(estate.servers().stream().filter(s -> behind.contains(s.fqdn())).anyMatch(s -> spn.asa().equals(s.asa())))
                    .as(spn + " is held by a server behind its name").isTrue();
        }
    }

    @Provide
    Arbitrary<TopologySnapshot> estates() {
        Arbitrary<ServerInfo> server = Combinators.combine(
                Arbitraries.of(HOSTS), Arbitraries.of(ExchangeVersion.class), Arbitraries.of(WindowsServer.class),
                Arbitraries.of(true, false, false), Arbitraries.of(ASAS.get(0), ASAS.get(1), null))
                .as((host, version, os, standby, asa) -> new ServerInfo(host + ".contoso.com", "contoso.com", "HQ", version, os,
                        "http://" + host + ".contoso.com/PowerShell", WinRmAuth.KERBEROS, standby, asa));
        Arbitrary<List<ServerInfo>> servers = server.list().ofMaxSize(5).uniqueElements(ServerInfo::fqdn);
        return servers.flatMap(list -> {
            List<String> names = list.stream().map(ServerInfo::fqdn).toList();
            Arbitrary<List<String>> behind = names.isEmpty() ? Arbitraries.just(List.of())
                    : Arbitraries.of(names).list().ofMaxSize(names.size()).uniqueElements();
            Arbitrary<NamespaceInfo> namespace = Combinators.combine(Arbitraries.of(HOSTS), Arbitraries.of(NamespaceScope.class),
                    Arbitraries.of(ExchangeService.class).set().ofMaxSize(3), behind)
                    .as((host, scope, services, servers2) -> new NamespaceInfo(host + ".contoso.com", scope,
                            services.isEmpty() ? EnumSet.noneOf(ExchangeService.class) : EnumSet.copyOf(services), "HQ", servers2));
            Arbitrary<CasArrayInfo> array = Combinators.combine(Arbitraries.of(HOSTS), behind)
                    .as((host, members) -> new CasArrayInfo(host + ".contoso.com", "HQ", members));
            Arbitrary<AsaInfo> asa = Combinators.combine(Arbitraries.of(ASAS), Arbitraries.of(AsaKind.class),
                    Arbitraries.of(24, 28, 4, null)).as((name, kind, etypes) -> new AsaInfo(name, "contoso.com",
                    name.substring(8), kind, "OU=x,DC=contoso,DC=com", etypes, true, 21));
            return Combinators.combine(namespace.list().ofMaxSize(5).uniqueElements(NamespaceInfo::fqdn),
                    array.list().ofMaxSize(2).uniqueElements(CasArrayInfo::fqdn),
                    asa.list().ofMaxSize(2).uniqueElements(AsaInfo::name))
                    .as((ns, arrays, asas) -> new TopologySnapshot(List.of(), List.of(new SiteInfo("contoso.com", "HQ")), list, arrays, ns, asas));
        });
    }
}
