package com.asaconsole.topology;

import java.util.Map;
import java.util.Optional;


import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/** AD sites: list, create, edit and delete. */
@Controller
@RequestMapping("/topology/sites")
class SitesController extends TopologyPages<Site, SiteForm> {

    private final SiteRepository repository;
    private final SiteEditor editor;
    private final TopologyWeb web;

    SitesController(SiteRepository repository, SiteEditor editor, TopologyWeb web) {
        super("/topology/sites", "Site", "topology/sites", "topology/site-form");
        this.repository = repository;
        this.editor = editor;
        this.web = web;
    }

    record Row(long id, String name, String forest, int rowVersion) {
    }

    @Override
    org.springframework.data.domain.Page<Row> rows(org.springframework.data.domain.Pageable page) {
        Map<Long, Forest> forests = web.forestsById();
        return repository.findAllByOrderByNameAsc(page)
                .map(s -> new Row(s.id(), s.name(), forests.get(s.forestId()).dnsName(), s.version()));
    }

    @Override
    Optional<Site> find(long id) {
        return repository.findById(id);
    }

    @Override
    Site save(Long id, SiteForm form) {
        return editor.save(id, form);
    }

    @Override
    void remove(long id, Integer version) {
        editor.delete(id, version);
    }

    @Override
    String label(Site s) {
        return s.name();
    }

    @Override
    SiteForm empty() {
        return SiteForm.empty();
    }

    @Override
    SiteForm from(Site s) {
        return SiteForm.from(s);
    }

    @Override
    SiteForm withVersion(SiteForm f, Integer version) {
        return new SiteForm(f.forestId(), f.name(), version);
    }

    @Override
    void options(Model model) {
        model.addAttribute("forests", web.forestOptions());
    }
}
