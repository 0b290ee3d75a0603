package com.asaconsole.topology;

import java.util.List;
import java.util.Map;

import com.asaconsole.topology.Forms.ServerForm;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

import jakarta.servlet.http.HttpServletResponse;

/** Exchange servers: list, create, edit, delete and a CSV paste import. */
@Controller
@RequestMapping("/topology/servers")
class ServersController {

    record Row(long id, String fqdn, String site, String version, String os, String winrm, boolean standby, String asa,
            int rowVersion) {
    }

    private final ExchangeServerRepository servers;
    private final TopologyEditor editor;
    private final TopologyWeb web;
    private final CsvImport csv;

    ServersController(ExchangeServerRepository servers, TopologyEditor editor, TopologyWeb web, CsvImport csv) {
        this.servers = servers;
        this.editor = editor;
        this.web = web;
        this.csv = csv;
    }

    @GetMapping
    String list(Model model) {
        Map<Long, Site> sites = web.sitesById();
        Map<Long, AsaAccount> asas = web.asasById();
        Map<Long, Forest> forests = web.forestsById();
        List<Row> rows = servers.findAllByOrderByFqdnAsc().stream()
                .map(s -> new Row(s.id(), s.fqdn(), sites.get(s.siteId()).name(), s.exchangeVersion().label(),
                        s.operatingSystem().label(), s.winrmEndpoint() + " (" + s.winrmAuth() + ")", s.standby(),
                        s.asaAccountId() == null ? "none" : Topology.asaName(asas.get(s.asaAccountId()),
                                forests.get(asas.get(s.asaAccountId()).forestId())),
                        s.version()))
                .toList();
        model.addAttribute("rows", rows);
        return "topology/servers";
    }

    @GetMapping("/new")
    String create(Model model) {
        return form(model, ServerForm.empty(), null);
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        ExchangeServer server = servers.findById(id).orElseThrow(TopologyEditor::notFound);
        return form(model, ServerForm.from(server), id);
    }

    @PostMapping
    String save(@ModelAttribute("form") ServerForm form, BindingResult result, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        return save(null, form, result, model, redirect, response);
    }

    @PostMapping("/{id}")
    String save(@PathVariable Long id, @ModelAttribute("form") ServerForm form, BindingResult result, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        if (result.hasErrors()) {
            return form(model, form, id);
        }
        try {
            ExchangeServer saved = editor.saveServer(id, form);
            redirect.addFlashAttribute("success", "Server " + saved.fqdn() + " saved.");
            return "redirect:/topology/servers";
        } catch (TopologyRejected rejected) {
            TopologyWeb.addProblems(result, rejected);
            return form(model, form, id);
        } catch (EditConflict conflict) {
            response.setStatus(HttpStatus.CONFLICT.value());
            ServerForm keep = new ServerForm(form.fqdn(), form.siteId(), form.exchangeVersion(), form.operatingSystem(),
                    form.winrmEndpoint(), form.winrmAuth(), form.standby(), form.asaAccountId(), conflict.currentVersion());
            model.addAttribute("conflict", conflict.getMessage());
            model.addAttribute("form", keep);
            return form(model, keep, id);
        }
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, @RequestParam(required = false) Integer version, RedirectAttributes redirect) {
        try {
            ExchangeServer server = servers.findById(id).orElseThrow(TopologyEditor::notFound);
            editor.deleteServer(id, version);
            redirect.addFlashAttribute("success", "Server " + server.fqdn() + " deleted.");
        } catch (StillInUse | EditConflict refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:/topology/servers";
    }

    /** The same deletion from the list's htmx button: answers the list fragment with the outcome instead of a redirect. */
    @HxRequest
    @PostMapping("/{id}/delete")
    String deleteInPlace(@PathVariable long id, @RequestParam(required = false) Integer version, Model model) {
        RedirectAttributesModelMap outcome = new RedirectAttributesModelMap();
        delete(id, version, outcome);
        model.addAllAttributes(outcome.getFlashAttributes());
        return list(model) + " :: list";
    }

    @GetMapping("/import")
    String importForm(Model model) {
        model.addAttribute("csv", "");
        model.addAttribute("columns", CsvImport.SERVER_COLUMNS);
        return "topology/servers-import";
    }

    @PostMapping("/import")
    String importCsv(@RequestParam(defaultValue = "") String csv, Model model, RedirectAttributes redirect) {
        CsvImport.Outcome outcome = this.csv.importServers(csv);
        if (outcome.ok()) {
            redirect.addFlashAttribute("success", outcome.count() + " server(s) imported.");
            return "redirect:/topology/servers";
        }
        model.addAttribute("csv", csv);
        model.addAttribute("columns", CsvImport.SERVER_COLUMNS);
        model.addAttribute("rowErrors", outcome.errors());
        return "topology/servers-import";
    }

    private String form(Model model, ServerForm form, Long id) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", form);
        }
        model.addAttribute("id", id);
        model.addAttribute("sites", web.siteOptions());
        model.addAttribute("asas", web.asaOptions());
        model.addAttribute("versions", TopologyWeb.enumOptions(ExchangeVersion.values(), ExchangeVersion::label));
        model.addAttribute("systems", TopologyWeb.enumOptions(WindowsServer.values(), WindowsServer::label));
        model.addAttribute("auths", TopologyWeb.enumOptions(WinRmAuth.values(), WinRmAuth::name));
        return "topology/server-form";
    }
}
