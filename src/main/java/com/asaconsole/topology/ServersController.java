package com.asaconsole.topology;

import java.util.Map;
import java.util.Optional;


import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Exchange servers: list, create, edit, delete and a CSV paste import. */
@Controller
@RequestMapping("/topology/servers")
class ServersController extends TopologyPages<ExchangeServer, ServerForm> {

    record Row(long id, String fqdn, String site, String version, String os, String winrm, boolean standby, String asa,
            int rowVersion) {
    }

    private final ExchangeServerRepository servers;
    private final ServerEditor editor;
    private final TopologyWeb web;
    private final CsvImport csv;

    ServersController(ExchangeServerRepository servers, ServerEditor editor, TopologyWeb web, CsvImport csv) {
        super("/topology/servers", "Server", "topology/servers", "topology/server-form");
        this.servers = servers;
        this.editor = editor;
        this.web = web;
        this.csv = csv;
    }

    @Override
    Page<Row> rows(Pageable page) {
        Map<Long, Site> sites = web.sitesById();
        Map<Long, AsaAccount> asas = web.asasById();
        Map<Long, Forest> forests = web.forestsById();
        return servers.findAllByOrderByFqdnAsc(page)
                .map(s -> new Row(s.id(), s.fqdn(), sites.get(s.siteId()).name(), s.exchangeVersion().label(),
                        s.operatingSystem().label(), s.winrmEndpoint() + " (" + s.winrmAuth() + ")", s.standby(),
                        s.asaAccountId() == null ? "none" : Topology.asaName(asas.get(s.asaAccountId()),
                                forests.get(asas.get(s.asaAccountId()).forestId())),
                        s.version()));
    }

    @Override
    Optional<ExchangeServer> find(long id) {
        return servers.findById(id);
    }

    @Override
    ExchangeServer save(Long id, ServerForm form) {
        return editor.save(id, form);
    }

    @Override
    void remove(long id, Integer version) {
        editor.delete(id, version);
    }

    @Override
    String label(ExchangeServer server) {
        return server.fqdn();
    }

    @Override
    ServerForm empty() {
        return ServerForm.empty();
    }

    @Override
    ServerForm from(ExchangeServer server) {
        return ServerForm.from(server);
    }

    @Override
    ServerForm withVersion(ServerForm form, Integer version) {
        return new ServerForm(form.fqdn(), form.siteId(), form.exchangeVersion(), form.operatingSystem(), form.winrmEndpoint(),
                form.winrmAuth(), form.standby(), form.asaAccountId(), version);
    }

    @Override
    void options(Model model) {
        model.addAttribute("sites", web.siteOptions());
        model.addAttribute("asas", web.asaOptions());
        model.addAttribute("versions", TopologyWeb.enumOptions(ExchangeVersion.values(), ExchangeVersion::label));
        model.addAttribute("systems", TopologyWeb.enumOptions(WindowsServer.values(), WindowsServer::label));
        model.addAttribute("auths", TopologyWeb.enumOptions(WinRmAuth.values(), WinRmAuth::name));
    }

    private static final CsvImportPage IMPORT = new CsvImportPage(CsvImport.SERVER_COLUMNS, "topology/servers-import",
            "/topology/servers", "server(s)");

    @GetMapping("/import")
    String importForm(Model model) {
        return IMPORT.form(model);
    }

    @PostMapping("/import")
    String importCsv(@RequestParam(defaultValue = "") String csv, Model model, RedirectAttributes redirect) {
        return IMPORT.submit(csv, this.csv::importServers, model, redirect);
    }
}
