package com.asaconsole.topology;

import java.util.Optional;


import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/** CAS arrays: list, create, edit and delete. */
@Controller
@RequestMapping("/topology/cas-arrays")
class CasArraysController extends TopologyPages<CasArray, CasArrayForm> {

    private final CasArrayRepository repository;
    private final CasArrayEditor editor;
    private final TopologyWeb web;

    CasArraysController(CasArrayRepository repository, CasArrayEditor editor, TopologyWeb web) {
        super("/topology/cas-arrays", "CAS array", "topology/cas-arrays", "topology/cas-array-form");
        this.repository = repository;
        this.editor = editor;
        this.web = web;
    }

    @Override
    Optional<CasArray> find(long id) {
        return repository.findById(id);
    }

    @Override
    CasArray save(Long id, CasArrayForm form) {
        return editor.save(id, form);
    }

    @Override
    void remove(long id, Integer version) {
        editor.delete(id, version);
    }

    @Override
    CasArrayForm empty() {
        return CasArrayForm.empty();
    }

    @Override
    CasArrayForm from(CasArray item) {
        return CasArrayForm.from(item);
    }


    record Row(long id, String fqdn, String site, String members, int rowVersion) {
    }

    @Override
    org.springframework.data.domain.Page<Row> rows(org.springframework.data.domain.Pageable page) {
        java.util.Map<Long, Site> sites = web.sitesById();
        org.springframework.data.domain.Page<CasArray> arrays = repository.findAllByOrderByFqdnAsc(page);
        java.util.Map<Long, ExchangeServer> servers = web.serversById(arrays.stream()
                .flatMap(a -> a.members().stream().map(CasArray.Member::serverId)).toList());
        return arrays.map(a -> new Row(a.id(), a.fqdn(), sites.get(a.siteId()).name(),
                TopologyWeb.serverNames(a.members().stream().map(CasArray.Member::serverId).toList(), servers), a.version()));
    }

    @Override
    String label(CasArray a) {
        return a.fqdn();
    }

    @Override
    CasArrayForm withVersion(CasArrayForm f, Integer version) {
        return new CasArrayForm(f.fqdn(), f.siteId(), f.memberIds(), version);
    }

    @Override
    void options(Model model) {
        model.addAttribute("sites", web.siteOptions());
        model.addAttribute("servers", web.serverOptions(true));
    }
}
