package com.asaconsole.topology;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;


import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The topology as JSON. Bodies are the same form records the pages bind, and every write goes through
 * the editor of its kind ({@link ForestEditor}, {@link SiteEditor}, …), so the API has exactly the pages' rules; refusals become problem details
 * ({@link TopologyApiErrors}). Updates and deletes carry the version that was read.
 */
@RestController
@RequestMapping(path = "/api/topology", produces = "application/json")
@Tag(name = "Topology", description = "Forests, AD sites, ASA accounts, Exchange servers, CAS arrays and namespaces")
class TopologyApi {

    // ---- what the API answers: the stored values with id and version, references by id and by name

    record ForestView(long id, String dnsName, String netbiosName, String ldapsEndpoint, String globalCatalogEndpoint,
            String asaOu, String credentialRef, int version) {
    }

    record SiteView(long id, long forestId, String forest, String name, int version) {
    }

    record AsaView(long id, long forestId, String forest, String samAccountName, AsaKind kind, String ou,
            Integer encryptionTypes, boolean passwordNeverExpires, int rotationDays, int version) {
    }

    record ServerView(long id, String fqdn, long siteId, String site, ExchangeVersion exchangeVersion,
            WindowsServer operatingSystem, String winrmEndpoint, WinRmAuth winrmAuth, boolean standby, Long asaAccountId,
            int version) {
    }

    record CasArrayView(long id, String fqdn, long siteId, String site, List<Long> memberIds, List<String> members, int version) {
    }

    record NamespaceView(long id, String fqdn, NamespaceScope scope, Set<ExchangeService> services, List<Long> siteIds,
            List<String> sites, List<Long> serverIds, List<String> servers, int version) {
    }

    private final ForestRepository forests;
    private final SiteRepository sites;
    private final AsaAccountRepository asas;
    private final ExchangeServerRepository servers;
    private final CasArrayRepository arrays;
    private final LbNamespaceRepository namespaces;
    private final ForestEditor forestEditor;
    private final SiteEditor siteEditor;
    private final AsaAccountEditor asaEditor;
    private final ServerEditor serverEditor;
    private final CasArrayEditor arrayEditor;
    private final NamespaceEditor namespaceEditor;

    TopologyApi(ForestRepository forests, SiteRepository sites, AsaAccountRepository asas, ExchangeServerRepository servers,
            CasArrayRepository arrays, LbNamespaceRepository namespaces, ForestEditor forestEditor, SiteEditor siteEditor,
            AsaAccountEditor asaEditor, ServerEditor serverEditor, CasArrayEditor arrayEditor, NamespaceEditor namespaceEditor) {
        this.forests = forests;
        this.sites = sites;
        this.asas = asas;
        this.servers = servers;
        this.arrays = arrays;
        this.namespaces = namespaces;
        this.forestEditor = forestEditor;
        this.siteEditor = siteEditor;
        this.asaEditor = asaEditor;
        this.serverEditor = serverEditor;
        this.arrayEditor = arrayEditor;
        this.namespaceEditor = namespaceEditor;
    }

    // ---------------------------------------------------------------- forests

    @GetMapping("/forests")
    @Operation(summary = "Forests, by DNS name, a page at a time (page, size; Link and X-Total-Count headers)")
    ResponseEntity<List<ForestView>> forests(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        return paged("forests", forests.findAllByOrderByDnsNameAsc(pageable(page, size)).map(TopologyApi::view));
    }

    @GetMapping("/forests/{id}")
    @Operation(summary = "One forest")
    ForestView forest(@PathVariable long id) {
        return view(forests.findById(id).orElseThrow(TopologyEdits::notFound));
    }

    @PostMapping(path = "/forests", consumes = "application/json")
    @Operation(summary = "Create a forest (admins)")
    @ApiResponse(responseCode = "201", description = "Created; the Location header names it")
    ResponseEntity<ForestView> createForest(@RequestBody ForestForm form) {
        return created("forests", view(forestEditor.save(null, form)), ForestView::id);
    }

    @PutMapping(path = "/forests/{id}", consumes = "application/json")
    @Operation(summary = "Replace a forest (admins); send the version you read")
    ForestView updateForest(@PathVariable long id, @RequestBody ForestForm form) {
        TopologyApiErrors.requireVersion(form.version());
        return view(forestEditor.save(id, form));
    }

    @DeleteMapping("/forests/{id}")
    @Operation(summary = "Delete a forest (admins); refused while sites or ASA accounts refer to it")
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> deleteForest(@PathVariable long id, @RequestParam int version) {
        forestEditor.delete(id, version);
        return ResponseEntity.noContent().build();
    }

    // ---------------------------------------------------------------- sites

    @GetMapping("/sites")
    @Operation(summary = "AD sites, by name, a page at a time (page, size; Link and X-Total-Count headers)")
    ResponseEntity<List<SiteView>> sites(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        Map<Long, Forest> byId = ById.of(forests.findAll(), Forest::id);
        return paged("sites", sites.findAllByOrderByNameAsc(pageable(page, size)).map(s -> view(s, byId)));
    }

    @GetMapping("/sites/{id}")
    @Operation(summary = "One AD site")
    SiteView site(@PathVariable long id) {
        return view(sites.findById(id).orElseThrow(TopologyEdits::notFound), ById.of(forests.findAll(), Forest::id));
    }

    @PostMapping(path = "/sites", consumes = "application/json")
    @Operation(summary = "Create an AD site (admins)")
    @ApiResponse(responseCode = "201", description = "Created; the Location header names it")
    ResponseEntity<SiteView> createSite(@RequestBody SiteForm form) {
        Site saved = siteEditor.save(null, form);
        return created("sites", view(saved, ById.of(forests.findAll(), Forest::id)), SiteView::id);
    }

    @PutMapping(path = "/sites/{id}", consumes = "application/json")
    @Operation(summary = "Replace an AD site (admins); send the version you read")
    SiteView updateSite(@PathVariable long id, @RequestBody SiteForm form) {
        TopologyApiErrors.requireVersion(form.version());
        return view(siteEditor.save(id, form), ById.of(forests.findAll(), Forest::id));
    }

    @DeleteMapping("/sites/{id}")
    @Operation(summary = "Delete an AD site (admins); refused while servers, arrays or namespaces are in it")
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> deleteSite(@PathVariable long id, @RequestParam int version) {
        siteEditor.delete(id, version);
        return ResponseEntity.noContent().build();
    }

    // ---------------------------------------------------------------- ASA accounts

    @GetMapping("/asa-accounts")
    @Operation(summary = "ASA account definitions, by sAMAccountName, a page at a time (page, size; Link and X-Total-Count headers)")
    ResponseEntity<List<AsaView>> asaAccounts(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        Map<Long, Forest> byId = ById.of(forests.findAll(), Forest::id);
        return paged("asa-accounts", asas.findAllByOrderBySamAccountNameAsc(pageable(page, size)).map(a -> view(a, byId)));
    }

    @GetMapping("/asa-accounts/{id}")
    @Operation(summary = "One ASA account definition")
    AsaView asaAccount(@PathVariable long id) {
        return view(asas.findById(id).orElseThrow(TopologyEdits::notFound), ById.of(forests.findAll(), Forest::id));
    }

    @PostMapping(path = "/asa-accounts", consumes = "application/json")
    @Operation(summary = "Create an ASA account definition (admins)")
    @ApiResponse(responseCode = "201", description = "Created; the Location header names it")
    ResponseEntity<AsaView> createAsaAccount(@RequestBody AsaForm form) {
        AsaAccount saved = asaEditor.save(null, form);
        return created("asa-accounts", view(saved, ById.of(forests.findAll(), Forest::id)), AsaView::id);
    }

    @PutMapping(path = "/asa-accounts/{id}", consumes = "application/json")
    @Operation(summary = "Replace an ASA account definition (admins); send the version you read")
    AsaView updateAsaAccount(@PathVariable long id, @RequestBody AsaForm form) {
        TopologyApiErrors.requireVersion(form.version());
        return view(asaEditor.save(id, form), ById.of(forests.findAll(), Forest::id));
    }

    @DeleteMapping("/asa-accounts/{id}")
    @Operation(summary = "Delete an ASA account definition (admins); refused while servers are planned for it")
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> deleteAsaAccount(@PathVariable long id, @RequestParam int version) {
        asaEditor.delete(id, version);
        return ResponseEntity.noContent().build();
    }

    // ---------------------------------------------------------------- servers

    @GetMapping("/servers")
    @Operation(summary = "Exchange servers, by FQDN, a page at a time (page, size; Link and X-Total-Count headers)")
    ResponseEntity<List<ServerView>> servers(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        Map<Long, Site> byId = ById.of(sites.findAll(), Site::id);
        return paged("servers", servers.findAllByOrderByFqdnAsc(pageable(page, size)).map(s -> view(s, byId)));
    }

    @GetMapping("/servers/{id}")
    @Operation(summary = "One Exchange server")
    ServerView server(@PathVariable long id) {
        return view(servers.findById(id).orElseThrow(TopologyEdits::notFound), ById.of(sites.findAll(), Site::id));
    }

    @PostMapping(path = "/servers", consumes = "application/json")
    @Operation(summary = "Create an Exchange server (admins)")
    @ApiResponse(responseCode = "201", description = "Created; the Location header names it")
    ResponseEntity<ServerView> createServer(@RequestBody ServerForm form) {
        ExchangeServer saved = serverEditor.save(null, form);
        return created("servers", view(saved, ById.of(sites.findAll(), Site::id)), ServerView::id);
    }

    @PutMapping(path = "/servers/{id}", consumes = "application/json")
    @Operation(summary = "Replace an Exchange server (admins); send the version you read")
    ServerView updateServer(@PathVariable long id, @RequestBody ServerForm form) {
        TopologyApiErrors.requireVersion(form.version());
        return view(serverEditor.save(id, form), ById.of(sites.findAll(), Site::id));
    }

    @DeleteMapping("/servers/{id}")
    @Operation(summary = "Delete an Exchange server (admins); refused while it is in a CAS array or behind a namespace")
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> deleteServer(@PathVariable long id, @RequestParam int version) {
        serverEditor.delete(id, version);
        return ResponseEntity.noContent().build();
    }

    // ---------------------------------------------------------------- CAS arrays

    @GetMapping("/cas-arrays")
    @Operation(summary = "Exchange 2010 RPC Client Access arrays, by FQDN, a page at a time (page, size; Link and X-Total-Count headers)")
    ResponseEntity<List<CasArrayView>> casArrays(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        Map<Long, Site> siteById = ById.of(sites.findAll(), Site::id);
        org.springframework.data.domain.Page<CasArray> found = arrays.findAllByOrderByFqdnAsc(pageable(page, size));
        Map<Long, ExchangeServer> serverById = serversOf(found.stream().flatMap(a -> a.members().stream().map(CasArray.Member::serverId)));
        return paged("cas-arrays", found.map(a -> view(a, siteById, serverById)));
    }

    @GetMapping("/cas-arrays/{id}")
    @Operation(summary = "One CAS array")
    CasArrayView casArray(@PathVariable long id) {
        CasArray array = arrays.findById(id).orElseThrow(TopologyEdits::notFound);
        return view(array, ById.of(sites.findAll(), Site::id), serversOf(array.members().stream().map(CasArray.Member::serverId)));
    }

    @PostMapping(path = "/cas-arrays", consumes = "application/json")
    @Operation(summary = "Create a CAS array (admins)")
    @ApiResponse(responseCode = "201", description = "Created; the Location header names it")
    ResponseEntity<CasArrayView> createCasArray(@RequestBody CasArrayForm form) {
        CasArray saved = arrayEditor.save(null, form);
        return created("cas-arrays", view(saved, ById.of(sites.findAll(), Site::id),
                ById.of(servers.findAll(), ExchangeServer::id)), CasArrayView::id);
    }

    @PutMapping(path = "/cas-arrays/{id}", consumes = "application/json")
    @Operation(summary = "Replace a CAS array (admins); send the version you read")
    CasArrayView updateCasArray(@PathVariable long id, @RequestBody CasArrayForm form) {
        TopologyApiErrors.requireVersion(form.version());
        return view(arrayEditor.save(id, form), ById.of(sites.findAll(), Site::id),
                ById.of(servers.findAll(), ExchangeServer::id));
    }

    @DeleteMapping("/cas-arrays/{id}")
    @Operation(summary = "Delete a CAS array (admins)")
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> deleteCasArray(@PathVariable long id, @RequestParam int version) {
        arrayEditor.delete(id, version);
        return ResponseEntity.noContent().build();
    }

    // ---------------------------------------------------------------- namespaces

    @GetMapping("/namespaces")
    @Operation(summary = "Load-balanced namespaces, by FQDN, a page at a time (page, size; Link and X-Total-Count headers)")
    ResponseEntity<List<NamespaceView>> namespaces(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        Map<Long, Site> siteById = ById.of(sites.findAll(), Site::id);
        org.springframework.data.domain.Page<LbNamespace> found = namespaces.findAllByOrderByFqdnAsc(pageable(page, size));
        Map<Long, ExchangeServer> serverById = serversOf(found.stream().flatMap(n -> n.servers().stream().map(LbNamespace.Backend::serverId)));
        return paged("namespaces", found.map(n -> view(n, siteById, serverById)));
    }

    @GetMapping("/namespaces/{id}")
    @Operation(summary = "One load-balanced namespace")
    NamespaceView namespace(@PathVariable long id) {
        LbNamespace namespace = namespaces.findById(id).orElseThrow(TopologyEdits::notFound);
        return view(namespace, ById.of(sites.findAll(), Site::id),
                serversOf(namespace.servers().stream().map(LbNamespace.Backend::serverId)));
    }

    @PostMapping(path = "/namespaces", consumes = "application/json")
    @Operation(summary = "Create a load-balanced namespace (admins)")
    @ApiResponse(responseCode = "201", description = "Created; the Location header names it")
    ResponseEntity<NamespaceView> createNamespace(@RequestBody NamespaceForm form) {
        LbNamespace saved = namespaceEditor.save(null, form);
        return created("namespaces", view(saved, ById.of(sites.findAll(), Site::id),
                ById.of(servers.findAll(), ExchangeServer::id)), NamespaceView::id);
    }

    @PutMapping(path = "/namespaces/{id}", consumes = "application/json")
    @Operation(summary = "Replace a load-balanced namespace (admins); send the version you read")
    NamespaceView updateNamespace(@PathVariable long id, @RequestBody NamespaceForm form) {
        TopologyApiErrors.requireVersion(form.version());
        return view(namespaceEditor.save(id, form), ById.of(sites.findAll(), Site::id),
                ById.of(servers.findAll(), ExchangeServer::id));
    }

    @DeleteMapping("/namespaces/{id}")
    @Operation(summary = "Delete a load-balanced namespace (admins)")
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> deleteNamespace(@PathVariable long id, @RequestParam int version) {
        namespaceEditor.delete(id, version);
        return ResponseEntity.noContent().build();
    }

    // ---------------------------------------------------------------- mapping

    /** The most items one page of a list holds. */
    static final int MAX_PAGE_SIZE = 500;

    private static org.springframework.data.domain.Pageable pageable(int page, int size) {
        return org.springframework.data.domain.PageRequest.of(Math.max(0, page), Math.min(Math.max(1, size), MAX_PAGE_SIZE));
    }

    /** A page as a plain JSON array, with the total and the next page's address in headers (RFC 8288). */
    private static <V> ResponseEntity<List<V>> paged(String kind, org.springframework.data.domain.Page<V> page) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().header("X-Total-Count", Long.toString(page.getTotalElements()));
        if (page.hasNext()) {
            answer.header(org.springframework.http.HttpHeaders.LINK, "</api/topology/" + kind + "?page=" + (page.getNumber() + 1)
                    + "&size=" + page.getSize() + ">; rel=\"next\"");
        }
        return answer.body(page.getContent());
    }

    private Map<Long, ExchangeServer> serversOf(java.util.stream.Stream<Long> ids) {
        List<ExchangeServer> found = new java.util.ArrayList<>();
        servers.findAllById(ids.collect(java.util.stream.Collectors.toSet())).forEach(found::add);
        return ById.of(found, ExchangeServer::id);
    }

    private static <V> ResponseEntity<V> created(String kind, V view, Function<V, Long> id) {
        return ResponseEntity.created(URI.create("/api/topology/" + kind + "/" + id.apply(view))).body(view);
    }

    private static ForestView view(Forest f) {
        return new ForestView(f.id(), f.dnsName(), f.netbiosName(), f.ldapsEndpoint(), f.globalCatalogEndpoint(), f.asaOu(),
                f.credentialRef(), f.version());
    }

    private static SiteView view(Site s, Map<Long, Forest> forests) {
        return new SiteView(s.id(), s.forestId(), name(forests.get(s.forestId()), Forest::dnsName), s.name(), s.version());
    }

    private static AsaView view(AsaAccount a, Map<Long, Forest> forests) {
        return new AsaView(a.id(), a.forestId(), name(forests.get(a.forestId()), Forest::dnsName), a.samAccountName(), a.kind(),
                a.ou(), a.encryptionTypes(), a.passwordNeverExpires(), a.rotationDays(), a.version());
    }

    private static ServerView view(ExchangeServer s, Map<Long, Site> sites) {
        return new ServerView(s.id(), s.fqdn(), s.siteId(), name(sites.get(s.siteId()), Site::name), s.exchangeVersion(),
                s.operatingSystem(), s.winrmEndpoint(), s.winrmAuth(), s.standby(), s.asaAccountId(), s.version());
    }

    private static CasArrayView view(CasArray a, Map<Long, Site> sites, Map<Long, ExchangeServer> servers) {
        List<Long> ids = a.members().stream().map(CasArray.Member::serverId).sorted().toList();
        return new CasArrayView(a.id(), a.fqdn(), a.siteId(), name(sites.get(a.siteId()), Site::name), ids, fqdns(ids, servers),
                a.version());
    }

    private static NamespaceView view(LbNamespace n, Map<Long, Site> sites, Map<Long, ExchangeServer> servers) {
        List<Long> ids = n.servers().stream().map(LbNamespace.Backend::serverId).sorted().toList();
        return new NamespaceView(n.id(), n.fqdn(), n.scope(), n.serviceSet(), n.siteIds(),
                n.siteIds().stream().map(id -> name(sites.get(id), Site::name)).toList(), ids, fqdns(ids, servers), n.version());
    }

    private static List<String> fqdns(List<Long> ids, Map<Long, ExchangeServer> servers) {
        return ids.stream().map(servers::get).filter(java.util.Objects::nonNull).map(ExchangeServer::fqdn).sorted().toList();
    }

    private static <T> String name(T item, Function<T, String> name) {
        return item == null ? null : name.apply(item);
    }
}
