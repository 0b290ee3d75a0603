package com.asaconsole.topology;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.asaconsole.audit.AuditEvent;
import com.asaconsole.audit.AuditTrail;
import com.asaconsole.remoting.CasEndpoint;
import com.asaconsole.remoting.ExchangeOperation;
import com.asaconsole.remoting.ExchangeOrganization;
import com.asaconsole.remoting.ExchangeServers;
import com.asaconsole.remoting.RemoteOperationFailed;
import com.asaconsole.topology.ExchangeProposal.Change;
import com.asaconsole.topology.ExchangeProposal.Item;
import com.asaconsole.topology.ExchangeProposal.Kind;
import com.asaconsole.topology.ExchangeTopologyReader.DiscoveredArray;
import com.asaconsole.topology.ExchangeTopologyReader.DiscoveredEstate;
import com.asaconsole.topology.ExchangeTopologyReader.DiscoveredNamespace;
import com.asaconsole.topology.ExchangeTopologyReader.DiscoveredServer;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Fill the topology from Exchange": asks one Exchange server, over the console's WinRM client and with
 * read-only cmdlets only, for the whole organization; stores what it said and the proposal built from
 * it beside the model; and applies exactly the items an admin confirms, through the same editor (and
 * checks) as the pages, in one transaction, audited. Nothing is saved without a confirmation.
 */
@Service
class ExchangeDiscovery {

    private final ExchangeServers exchange;
    private final SiteEditor siteEditor;
    private final ServerEditor serverEditor;
    private final CasArrayEditor arrayEditor;
    private final NamespaceEditor namespaceEditor;
    private final ForestRepository forests;
    private final SiteRepository sites;
    private final ExchangeServerRepository servers;
    private final CasArrayRepository arrays;
    private final LbNamespaceRepository namespaces;
    private final DiscoveryRunRepository runs;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;

    ExchangeDiscovery(ExchangeServers exchange, SiteEditor siteEditor, ServerEditor serverEditor, CasArrayEditor arrayEditor,
            NamespaceEditor namespaceEditor, ForestRepository forests, SiteRepository sites,
            ExchangeServerRepository servers, CasArrayRepository arrays, LbNamespaceRepository namespaces, DiscoveryRunRepository runs,
            AuditTrail audit, JsonMapper json, Clock clock) {
        this.exchange = exchange;
        this.siteEditor = siteEditor;
        this.serverEditor = serverEditor;
        this.arrayEditor = arrayEditor;
        this.namespaceEditor = namespaceEditor;
        this.forests = forests;
        this.sites = sites;
        this.servers = servers;
        this.arrays = arrays;
        this.namespaces = namespaces;
        this.runs = runs;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** Discovery could not run or could not be confirmed; the message is a sentence an admin can act on. */
    static final class DiscoveryRefused extends RuntimeException {
        DiscoveryRefused(String sentence) {
            super(sentence);
        }
    }

    // ---------------------------------------------------------------- reading Exchange

    /** Reads the organization from {@code server} and stores the proposal; answers its id. */
    @Transactional
    long propose(String server, ExchangeVersion version, String user) {
        String fqdn = server == null ? "" : server.strip().toLowerCase(Locale.ROOT);
        HostNames.fqdnProblem(fqdn).ifPresent(p -> {
            throw new DiscoveryRefused("Enter the Exchange server's DNS name: " + p);
        });
        if (version == null) {
            throw new DiscoveryRefused("Choose the Exchange version of " + fqdn + ": it decides the cmdlets the console runs there.");
        }
        Forest forest = forestOf(fqdn);
        DiscoveredEstate estate = ExchangeTopologyReader.read(read(fqdn, version));
        List<Item> items = items(estate, forest);
        DiscoveryRun run = runs.save(new DiscoveryRun(null, forest.id(), fqdn, version.name(), json.writeValueAsString(estate),
                json.writeValueAsString(items), user, clock.instant().truncatedTo(ChronoUnit.MICROS), null, null, null));
        audit.record(AuditEvent.of("topology.discovery.read", "Exchange discovery " + run.id()).withDetail("server", fqdn)
                .withDetail("version", version.label()).withDetail("new", count(items, Change.NEW))
                .withDetail("changed", count(items, Change.CHANGED)).withDetail("gone", count(items, Change.GONE)));
        return run.id();
    }

    private ExchangeOrganization read(String fqdn, ExchangeVersion version) {
        com.asaconsole.remoting.ExchangeVersion remoteVersion = com.asaconsole.remoting.ExchangeVersion.valueOf(version.name());
        try {
            CasEndpoint asked = exchange.endpoint(fqdn, remoteVersion);
            var remote = exchange.remote();
            ExchangeOrganization org = remote.run(asked, new ExchangeOperation.ReadOrganization(), exchange.properties().timeout());
            // MAPI/HTTP directories exist from 2013 on: read them from the server asked, or from the first 2013+ server it named
            Optional<CasEndpoint> mapiFrom = !remoteVersion.is2010() ? Optional.of(asked) : org.servers().stream()
                    .filter(ExchangeOrganization.Server::clientAccess).filter(s -> s.version().map(v -> !v.is2010()).orElse(false))
                    .min(Comparator.comparing(s -> s.fqdn().toLowerCase(Locale.ROOT)))
                    .map(s -> exchange.endpoint(s.fqdn().toLowerCase(Locale.ROOT), s.version().orElseThrow()));
            return mapiFrom.isEmpty() ? org
                    : org.with(remote.run(mapiFrom.get(), new ExchangeOperation.ReadMapiVirtualDirectories(), exchange.properties().timeout()));
        } catch (RemoteOperationFailed | IllegalStateException | IllegalArgumentException e) {
            throw new DiscoveryRefused(e.getMessage());
        }
    }

    /** The modelled forest the server belongs to: its DNS domain, or the only forest. */
    private Forest forestOf(String fqdn) {
        List<Forest> all = forests.findAllByOrderByDnsNameAsc();
        Optional<Forest> byName = all.stream().filter(f -> fqdn.endsWith("." + f.dnsName())).max(Comparator.comparing(f -> f.dnsName().length()));
        if (byName.isPresent()) {
            return byName.get();
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        throw new DiscoveryRefused(all.isEmpty() ? "Model the forest first (Topology, Forests, or fill it from the directory): "
                + "the proposal is placed in a forest." : "None of the modelled forests is the DNS domain of " + fqdn
                        + "; ask a server by its full name in its forest's domain.");
    }

    // ---------------------------------------------------------------- the proposal

    ExchangeProposal find(long id) {
        DiscoveryRun run = runs.findById(id).orElseThrow(TopologyEdits::notFound);
        DiscoveredEstate estate = json.readValue(run.estate(), DiscoveredEstate.class);
        String forest = forests.findById(run.forestId()).map(Forest::dnsName).orElse("?");
        return new ExchangeProposal(run.id(), forest, run.askedServer(), ExchangeVersion.valueOf(run.exchangeVersion()).label(),
                storedItems(run), estate.notes(), run.confirmedAt() != null);
    }

    private List<Item> storedItems(DiscoveryRun run) {
        return json.readValue(run.items(), new TypeReference<List<Item>>() {
        });
    }

    /** What Exchange said beside what the forest's model holds now. */
    private List<Item> items(DiscoveredEstate estate, Forest forest) {
        Map<Long, Site> siteById = ById.of(sites.findAll(), Site::id);
        Map<Long, ExchangeServer> serverById = ById.of(servers.findAll(), ExchangeServer::id);
        List<Item> items = new ArrayList<>();
        for (String site : estate.sites()) {
            boolean modelled = sites.findByForestIdAndNameIgnoreCase(forest.id(), site).isPresent();
            items.add(new Item(Item.key(Kind.SITE, site), Kind.SITE, site, modelled ? Change.SAME : Change.NEW, "in forest " + forest.dnsName(),
                    modelled ? "in forest " + forest.dnsName() : null, List.of()));
        }
        Set<String> reported = new LinkedHashSet<>();
        for (DiscoveredServer s : estate.servers()) {
            reported.add(s.fqdn());
            Optional<ExchangeServer> current = servers.findByFqdnIgnoreCase(s.fqdn());
            String modelled = current.map(c -> describe(c, siteById)).orElse(null);
            boolean standby = current.map(ExchangeServer::standby).orElse(false) || s.drCandidate();
            String proposed = describeServer(s.version(), s.site(), standby);
            List<String> notes = new ArrayList<>();
            if (current.isEmpty()) {
                notes.add("WinRM: " + exchange.properties().endpointOf(s.fqdn()));
                notes.add("Operating system assumed: " + assumedOs(s.version()).label() + " (Exchange doesn't report it; correct it under "
                        + "Exchange servers if it differs).");
            }
            if (s.drCandidate()) {
                notes.add(s.drReason() + " Confirm to model it as DR/standby.");
            }
            items.add(item(Kind.SERVER, s.fqdn(), proposed, modelled, notes));
        }
        for (ExchangeServer gone : inForest(servers.findAll(), ExchangeServer::siteId, siteById, forest)) {
            if (!reported.contains(gone.fqdn())) {
                items.add(gone(Kind.SERVER, gone.fqdn(), describe(gone, siteById)));
            }
        }
        reported.clear();
        for (DiscoveredArray a : estate.arrays()) {
            reported.add(a.fqdn());
            String modelled = arrays.findByFqdnIgnoreCase(a.fqdn()).map(c -> describeArray(siteById.get(c.siteId()).name(),
                    names(c.members().stream().map(CasArray.Member::serverId).toList(), serverById))).orElse(null);
            items.add(item(Kind.ARRAY, a.fqdn(), describeArray(a.site(), a.members()), modelled, List.of()));
        }
        for (CasArray gone : inForest(arrays.findAll(), CasArray::siteId, siteById, forest)) {
            if (!reported.contains(gone.fqdn())) {
                items.add(gone(Kind.ARRAY, gone.fqdn(), describeArray(siteById.get(gone.siteId()).name(),
                        names(gone.members().stream().map(CasArray.Member::serverId).toList(), serverById))));
            }
        }
        reported.clear();
        for (DiscoveredNamespace n : estate.namespaces()) {
            reported.add(n.fqdn());
            String modelled = namespaces.findByFqdnIgnoreCase(n.fqdn()).map(c -> describe(c, siteById, serverById)).orElse(null);
            List<String> notes = n.scope() == NamespaceScope.EXTERNAL
                    ? List.of("External only: it gets no SPN (external clients can't reach a KDC).") : List.of();
            items.add(item(Kind.NAMESPACE, n.fqdn(), describeNamespace(n.scope(), n.services(), n.sites(), n.servers()), modelled, notes));
        }
        for (LbNamespace gone : namespaces.findAllByOrderByFqdnAsc()) {
            boolean inForest = gone.siteIds().stream().map(siteById::get).filter(Objects::nonNull).anyMatch(s -> s.forestId().equals(forest.id()));
            if (inForest && !reported.contains(gone.fqdn())) {
                items.add(gone(Kind.NAMESPACE, gone.fqdn(), describe(gone, siteById, serverById)));
            }
        }
        return items;
    }

    private static Item item(Kind kind, String name, String proposed, String modelled, List<String> notes) {
        Change change = modelled == null ? Change.NEW : modelled.equals(proposed) ? Change.SAME : Change.CHANGED;
        return new Item(Item.key(kind, name), kind, name, change, proposed, modelled, notes);
    }

    private static Item gone(Kind kind, String name, String modelled) {
        return new Item(Item.key(kind, name), kind, name, Change.GONE, null, modelled,
                List.of("Exchange no longer reports it; confirming removes it from the topology."));
    }

    private static <T> List<T> inForest(List<T> all, java.util.function.Function<T, Long> siteOf, Map<Long, Site> siteById, Forest forest) {
        return all.stream().filter(x -> {
            Site site = siteById.get(siteOf.apply(x));
            return site != null && site.forestId().equals(forest.id());
        }).toList();
    }

    // ---------------------------------------------------------------- confirming

    /** Applies the chosen items exactly as proposed, or nothing (with a sentence) if one of them can't be. */
    @Transactional
    List<String> confirm(long id, Set<String> chosen, String user) {
        DiscoveryRun run = runs.findById(id).orElseThrow(TopologyEdits::notFound);
        if (run.confirmedAt() != null) {
            throw new DiscoveryRefused("This proposal was confirmed already (by " + run.confirmedBy() + "); discover again for a new one.");
        }
        if (chosen.isEmpty()) {
            throw new DiscoveryRefused("Choose at least one item to confirm; nothing was saved.");
        }
        Forest forest = forests.findById(run.forestId()).orElseThrow(() -> new DiscoveryRefused("The forest of this proposal was deleted."));
        DiscoveredEstate estate = json.readValue(run.estate(), DiscoveredEstate.class);
        Map<String, Item> shown = storedItems(run).stream().collect(Collectors.toMap(Item::key, i -> i));
        Map<String, Item> now = items(estate, forest).stream().collect(Collectors.toMap(Item::key, i -> i));
        for (String key : chosen) {
            Item item = shown.get(key);
            if (item == null || !item.change().confirmable()) {
                throw new DiscoveryRefused("\"" + key + "\" is not an item of this proposal that can be confirmed; nothing was saved.");
            }
            if (!item.equals(now.get(key))) {
                throw new DiscoveryRefused(item.kind().label() + " " + item.name() + " changed in the topology since this proposal was made; "
                        + "nothing was saved. Discover again to see the difference as it is now.");
            }
        }
        List<String> applied = new ArrayList<>();
        apply(estate, forest, shown, chosen, applied);
        runs.save(run.confirmed(user, clock.instant().truncatedTo(ChronoUnit.MICROS)));
        audit.record(AuditEvent.of("topology.discovery.confirmed", "Exchange discovery " + id).withDetail("server", run.askedServer())
                .withDetail("confirmed", String.join(", ", applied))
                .withDetail("notConfirmed", shown.values().stream().filter(i -> i.change().confirmable() && !chosen.contains(i.key()))
                        .map(Item::key).sorted().collect(Collectors.joining(", "))));
        return applied;
    }

    private void apply(DiscoveredEstate estate, Forest forest, Map<String, Item> shown, Set<String> chosen, List<String> applied) {
        java.util.function.BiPredicate<Kind, Change> wanted = (kind, change) -> shown.values().stream()
                .anyMatch(i -> i.kind() == kind && i.change() == change && chosen.contains(i.key()));
        for (String site : estate.sites()) {
            if (chosen.contains(Item.key(Kind.SITE, site))) {
                guarded(Kind.SITE, site, () -> siteEditor.save(null, new SiteForm(forest.id(), site, null)));
                applied.add(Item.key(Kind.SITE, site));
            }
        }
        for (DiscoveredServer s : estate.servers()) {
            String key = Item.key(Kind.SERVER, s.fqdn());
            if (chosen.contains(key)) {
                guarded(Kind.SERVER, s.fqdn(), () -> {
                    Long siteId = siteId(forest, s.site(), "server " + s.fqdn());
                    Optional<ExchangeServer> current = servers.findByFqdnIgnoreCase(s.fqdn());
                    if (current.isEmpty()) {
                        serverEditor.save(null, new ServerForm(s.fqdn(), siteId, s.version(), assumedOs(s.version()),
                                exchange.properties().endpointOf(s.fqdn()).toString(), WinRmAuth.KERBEROS, s.drCandidate(), null, null));
                    } else {
                        ExchangeServer c = current.get();
                        serverEditor.save(c.id(), new ServerForm(c.fqdn(), siteId, s.version(), c.operatingSystem(), c.winrmEndpoint(),
                                c.winrmAuth(), c.standby() || s.drCandidate(), c.asaAccountId(), c.version()));
                    }
                });
                applied.add(key);
            }
        }
        for (DiscoveredArray a : estate.arrays()) {
            String key = Item.key(Kind.ARRAY, a.fqdn());
            if (chosen.contains(key)) {
                guarded(Kind.ARRAY, a.fqdn(), () -> {
                    Optional<CasArray> current = arrays.findByFqdnIgnoreCase(a.fqdn());
                    arrayEditor.save(current.map(CasArray::id).orElse(null), new CasArrayForm(a.fqdn(), siteId(forest, a.site(),
                            "array " + a.fqdn()), serverIds(a.members(), "array " + a.fqdn()), current.map(CasArray::version).orElse(null)));
                });
                applied.add(key);
            }
        }
        for (DiscoveredNamespace n : estate.namespaces()) {
            String key = Item.key(Kind.NAMESPACE, n.fqdn());
            if (chosen.contains(key)) {
                guarded(Kind.NAMESPACE, n.fqdn(), () -> {
                    Optional<LbNamespace> current = namespaces.findByFqdnIgnoreCase(n.fqdn());
                    List<Long> siteIds = n.sites().stream().map(site -> siteId(forest, site, "namespace " + n.fqdn())).toList();
                    namespaceEditor.save(current.map(LbNamespace::id).orElse(null), new NamespaceForm(n.fqdn(), n.scope(), n.services(),
                            siteIds, serverIds(n.servers(), "namespace " + n.fqdn()), current.map(LbNamespace::version).orElse(null)));
                });
                applied.add(key);
            }
        }
        // removals last, names before the servers behind them
        if (wanted.test(Kind.NAMESPACE, Change.GONE) || wanted.test(Kind.ARRAY, Change.GONE) || wanted.test(Kind.SERVER, Change.GONE)) {
            for (Kind kind : List.of(Kind.NAMESPACE, Kind.ARRAY, Kind.SERVER)) {
                for (Item item : shown.values().stream().filter(i -> i.kind() == kind && i.change() == Change.GONE && chosen.contains(i.key()))
                        .sorted(Comparator.comparing(Item::name)).toList()) {
                    guarded(kind, item.name(), () -> remove(kind, item.name()));
                    applied.add(item.key());
                }
            }
        }
    }

    private void remove(Kind kind, String name) {
        switch (kind) {
        case NAMESPACE -> namespaces.findByFqdnIgnoreCase(name).ifPresent(n -> namespaceEditor.delete(n.id(), n.version()));
        case ARRAY -> arrays.findByFqdnIgnoreCase(name).ifPresent(a -> arrayEditor.delete(a.id(), a.version()));
        case SERVER -> servers.findByFqdnIgnoreCase(name).ifPresent(s -> serverEditor.delete(s.id(), s.version()));
        default -> throw new IllegalArgumentException(kind.name());
        }
    }

    /** One item's write: the editor's refusal becomes a sentence naming the item, and the whole confirmation rolls back. */
    private static void guarded(Kind kind, String name, Runnable write) {
        try {
            write.run();
        } catch (TopologyRejected e) {
            throw new DiscoveryRefused(kind.label() + " " + name + " can't be saved as proposed: " + e.problems().stream()
                    .map(TopologyRejected.Problem::message).collect(Collectors.joining(" ")) + " Nothing was saved.");
        } catch (StillInUse | EditConflict e) {
            throw new DiscoveryRefused(kind.label() + " " + name + ": " + e.getMessage() + " Nothing was saved.");
        }
    }

    private Long siteId(Forest forest, String site, String forWhat) {
        return sites.findByForestIdAndNameIgnoreCase(forest.id(), site).map(Site::id).orElseThrow(() -> new DiscoveryRefused("The "
                + forWhat + " is in AD site " + site + ", which is not in the topology: confirm the site too. Nothing was saved."));
    }

    private List<Long> serverIds(List<String> fqdns, String forWhat) {
        List<Long> ids = new ArrayList<>();
        for (String fqdn : fqdns) {
            ids.add(servers.findByFqdnIgnoreCase(fqdn).map(ExchangeServer::id).orElseThrow(() -> new DiscoveryRefused("The " + forWhat
                    + " is answered by " + fqdn + ", which is not in the topology: confirm the server too. Nothing was saved.")));
        }
        return ids;
    }

    // ---------------------------------------------------------------- words

    /** Exchange doesn't report the operating system: the one most installations of that version run, shown as assumed. */
    static WindowsServer assumedOs(ExchangeVersion version) {
        return switch (version) {
        case EXCHANGE_2010 -> WindowsServer.WS2008_R2;
        case EXCHANGE_2013 -> WindowsServer.WS2012_R2;
        case EXCHANGE_2016 -> WindowsServer.WS2016;
        case EXCHANGE_2019 -> WindowsServer.WS2019;
        case EXCHANGE_SE -> WindowsServer.WS2022;
        };
    }

    private static String describe(ExchangeServer s, Map<Long, Site> siteById) {
        return describeServer(s.exchangeVersion(), siteById.get(s.siteId()).name(), s.standby());
    }

    private static String describeServer(ExchangeVersion version, String site, boolean standby) {
        return version.label() + ", site " + site + (standby ? ", DR/standby" : "");
    }

    private static String describeArray(String site, List<String> members) {
        return "site " + site + "; members " + (members.isEmpty() ? "none" : String.join(", ", members.stream().sorted().toList()));
    }

    private static String describe(LbNamespace n, Map<Long, Site> siteById, Map<Long, ExchangeServer> serverById) {
        return describeNamespace(n.scope(), n.serviceSet(), n.siteIds().stream().map(siteById::get).filter(Objects::nonNull).map(Site::name)
                .toList(), names(n.servers().stream().map(LbNamespace.Backend::serverId).toList(), serverById));
    }

    private static String describeNamespace(NamespaceScope scope, Set<ExchangeService> services, List<String> sites, List<String> servers) {
        return scope.label() + "; " + services.stream().sorted().map(ExchangeService::label).collect(Collectors.joining(", "))
                + "; sites " + String.join(", ", sites.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList())
                + "; servers " + (servers.isEmpty() ? "none" : String.join(", ", servers.stream().sorted().toList()));
    }

    private static List<String> names(List<Long> ids, Map<Long, ExchangeServer> serverById) {
        return ids.stream().map(serverById::get).filter(Objects::nonNull).map(ExchangeServer::fqdn).sorted().toList();
    }

    private static long count(List<Item> items, Change change) {
        return items.stream().filter(i -> i.change() == change).count();
    }
}
