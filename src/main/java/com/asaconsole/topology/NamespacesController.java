package com.asaconsole.topology;

import java.util.Optional;


import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/** Load-balanced namespaces: list, create, edit and delete. */
@Controller
@RequestMapping("/topology/namespaces")
class NamespacesController extends TopologyPages<LbNamespace, NamespaceForm> {

    private final LbNamespaceRepository repository;
    private final NamespaceEditor editor;
    private final TopologyWeb web;

    NamespacesController(LbNamespaceRepository repository, NamespaceEditor editor, TopologyWeb web) {
        super("/topology/namespaces", "Namespace", "topology/namespaces", "topology/namespace-form");
        this.repository = repository;
        this.editor = editor;
        this.web = web;
    }

    @Override
    Optional<LbNamespace> find(long id) {
        return repository.findById(id);
    }

    @Override
    LbNamespace save(Long id, NamespaceForm form) {
        return editor.save(id, form);
    }

    @Override
    void remove(long id, Integer version) {
        editor.delete(id, version);
    }

    @Override
    NamespaceForm empty() {
        return NamespaceForm.empty();
    }

    @Override
    NamespaceForm from(LbNamespace item) {
        return NamespaceForm.from(item);
    }


    record Row(long id, String fqdn, String scope, String services, String sites, String servers, int rowVersion) {
    }

    @Override
    org.springframework.data.domain.Page<Row> rows(org.springframework.data.domain.Pageable page) {
        java.util.Map<Long, Site> sites = web.sitesById();
        org.springframework.data.domain.Page<LbNamespace> namespaces = repository.findAllByOrderByFqdnAsc(page);
        java.util.Map<Long, ExchangeServer> servers = web.serversById(namespaces.stream()
                .flatMap(n -> n.servers().stream().map(LbNamespace.Backend::serverId)).toList());
        return namespaces.map(n -> new Row(n.id(), n.fqdn(), n.scope().label(),
                n.serviceSet().stream().map(ExchangeService::label).collect(java.util.stream.Collectors.joining(", ")),
                n.siteIds().stream().map(id -> sites.get(id).name()).sorted().collect(java.util.stream.Collectors.joining(", ")),
                TopologyWeb.serverNames(n.servers().stream().map(LbNamespace.Backend::serverId).toList(), servers), n.version()));
    }

    @Override
    String label(LbNamespace n) {
        return n.fqdn();
    }

    @Override
    NamespaceForm withVersion(NamespaceForm f, Integer version) {
        return new NamespaceForm(f.fqdn(), f.scope(), f.services(), f.siteIds(), f.serverIds(), version);
    }

    @Override
    void options(Model model) {
        model.addAttribute("sites", web.siteOptions());
        model.addAttribute("servers", web.serverOptions(false));
        model.addAttribute("scopes", TopologyWeb.enumOptions(NamespaceScope.values(), NamespaceScope::label));
        model.addAttribute("services", TopologyWeb.enumOptions(ExchangeService.values(), ExchangeService::label));
    }
}
