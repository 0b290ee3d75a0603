package com.asaconsole.topology;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;

/** What the topology pages share: choices for selects and how refusals become form errors. */
@Component
class TopologyWeb {

    /** One choice in a select or checkbox group. */
    record Option(String value, String label) {
    }

    private final ForestRepository forests;
    private final SiteRepository sites;
    private final AsaAccountRepository asas;
    private final ExchangeServerRepository servers;

    TopologyWeb(ForestRepository forests, SiteRepository sites, AsaAccountRepository asas, ExchangeServerRepository servers) {
        this.forests = forests;
        this.sites = sites;
        this.asas = asas;
        this.servers = servers;
    }

    List<Option> forestOptions() {
        return forests.findAllByOrderByDnsNameAsc().stream().map(f -> new Option(f.id().toString(), f.dnsName())).toList();
    }

    Map<Long, Forest> forestsById() {
        return ById.of(forests.findAll(), Forest::id);
    }

    Map<Long, Site> sitesById() {
        return ById.of(sites.findAll(), Site::id);
    }

    Map<Long, ExchangeServer> serversById() {
        return ById.of(servers.findAll(), ExchangeServer::id);
    }

    /** The servers with these ids (a page's worth), by id. */
    Map<Long, ExchangeServer> serversById(java.util.Collection<Long> ids) {
        List<ExchangeServer> found = new java.util.ArrayList<>();
        servers.findAllById(new java.util.HashSet<>(ids)).forEach(found::add);
        return ById.of(found, ExchangeServer::id);
    }

    /** Which servers hold an ASA, for a list cell: the first few by name and how many in all. */
    String holders(long asaId) {
        long count = servers.countByAsaAccountId(asaId);
        String first = servers.findFirst5ByAsaAccountIdOrderByFqdnAsc(asaId).stream().map(ExchangeServer::fqdn)
                .collect(Collectors.joining(", "));
        return count == 0 ? "" : count <= 5 ? first : first + " and " + (count - 5) + " more (" + count + " in all)";
    }

    Map<Long, AsaAccount> asasById() {
        return ById.of(asas.findAll(), AsaAccount::id);
    }

    List<Option> siteOptions() {
        Map<Long, Forest> byId = forestsById();
        return sites.findAll().stream()
                .map(s -> new Option(s.id().toString(), s.name() + " (" + byId.get(s.forestId()).dnsName() + ")"))
                .sorted(Comparator.comparing(Option::label)).toList();
    }

    List<Option> asaOptions() {
        Map<Long, Forest> byId = forestsById();
        return asas.findAllByOrderBySamAccountNameAsc().stream()
                .map(a -> new Option(a.id().toString(), Topology.asaName(a, byId.get(a.forestId())) + " (" + a.kind().label() + ")"))
                .toList();
    }

    List<Option> serverOptions(boolean only2010) {
        return servers.findAllByOrderByFqdnAsc().stream()
                .filter(s -> !only2010 || s.exchangeVersion() == ExchangeVersion.EXCHANGE_2010)
                .map(s -> new Option(s.id().toString(), s.fqdn() + " (" + s.exchangeVersion().label() + (s.standby() ? ", DR/standby" : "") + ")"))
                .toList();
    }

    static <E extends Enum<E>> List<Option> enumOptions(E[] values, Function<E, String> label) {
        return Arrays.stream(values).map(v -> new Option(v.name(), label.apply(v))).toList();
    }

    static void addProblems(BindingResult result, TopologyRejected rejected) {
        for (TopologyRejected.Problem problem : rejected.problems()) {
            if (problem.field() == null) {
                result.reject("rejected", problem.message());
            } else {
                result.rejectValue(problem.field(), "rejected", problem.message());
            }
        }
    }

    static String serverNames(java.util.Collection<Long> ids, Map<Long, ExchangeServer> byId) {
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).map(ExchangeServer::fqdn).sorted()
                .collect(Collectors.joining(", "));
    }
}
