package com.asaconsole.topology;

import java.util.Optional;


import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/** Forests: list, create, edit and delete. */
@Controller
@RequestMapping("/topology/forests")
class ForestsController extends TopologyPages<Forest, ForestForm> {

    private final ForestRepository repository;
    private final ForestEditor editor;
    private final TopologyWeb web;

    ForestsController(ForestRepository repository, ForestEditor editor, TopologyWeb web) {
        super("/topology/forests", "Forest", "topology/forests", "topology/forest-form");
        this.repository = repository;
        this.editor = editor;
        this.web = web;
    }

    @Override
    Optional<Forest> find(long id) {
        return repository.findById(id);
    }

    @Override
    Forest save(Long id, ForestForm form) {
        return editor.save(id, form);
    }

    @Override
    void remove(long id, Integer version) {
        editor.delete(id, version);
    }

    @Override
    ForestForm empty() {
        return ForestForm.empty();
    }

    @Override
    ForestForm from(Forest item) {
        return ForestForm.from(item);
    }


    record Row(long id, String dnsName, String netbiosName, String ldaps, String gc, String asaOu, String credentialRef,
            int rowVersion) {
    }

    @Override
    org.springframework.data.domain.Page<Row> rows(org.springframework.data.domain.Pageable page) {
        return repository.findAllByOrderByDnsNameAsc(page).map(f -> new Row(f.id(), f.dnsName(), f.netbiosName(),
                f.ldapsEndpoint(), f.globalCatalogEndpoint(), f.asaOu(), f.credentialRef() == null ? "none" : f.credentialRef(),
                f.version()));
    }

    @Override
    String label(Forest f) {
        return f.dnsName();
    }

    @Override
    ForestForm withVersion(ForestForm f, Integer version) {
        return new ForestForm(f.dnsName(), f.netbiosName(), f.ldapsEndpoint(), f.globalCatalogEndpoint(), f.asaOu(),
                f.credentialRef(), version);
    }

    @Override
    void options(Model model) {
    }
}
