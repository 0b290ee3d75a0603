package com.asaconsole.topology;

import com.asaconsole.topology.Forms.NamespaceForm;

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

/** Load-balanced namespaces: list, create, edit and delete. */
@Controller
@RequestMapping("/topology/namespaces")
class NamespacesController {

    private final LbNamespaceRepository repository;
    private final TopologyEditor editor;
    private final TopologyWeb web;

    NamespacesController(LbNamespaceRepository repository, TopologyEditor editor, TopologyWeb web) {
        this.repository = repository;
        this.editor = editor;
        this.web = web;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("rows", rows());
        return "topology/namespaces";
    }

    @GetMapping("/new")
    String create(Model model) {
        return form(model, NamespaceForm.empty(), null);
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        return form(model, NamespaceForm.from(repository.findById(id).orElseThrow(TopologyEditor::notFound)), id);
    }

    @PostMapping
    String create(@ModelAttribute("form") NamespaceForm form, BindingResult result, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        return update(null, form, result, model, redirect, response);
    }

    @PostMapping("/{id}")
    String update(@PathVariable Long id, @ModelAttribute("form") NamespaceForm form, BindingResult result, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        if (result.hasErrors()) {
            return form(model, form, id);
        }
        try {
            LbNamespace saved = editor.saveNamespace(id, form);
            redirect.addFlashAttribute("success", "Namespace " + label(saved) + " saved.");
            return "redirect:/topology/namespaces";
        } catch (TopologyRejected rejected) {
            TopologyWeb.addProblems(result, rejected);
            return form(model, form, id);
        } catch (EditConflict conflict) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("conflict", conflict.getMessage());
            model.addAttribute("form", withVersion(form, conflict.currentVersion()));
            return form(model, form, id);
        }
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, @RequestParam(required = false) Integer version, RedirectAttributes redirect) {
        LbNamespace item = repository.findById(id).orElseThrow(TopologyEditor::notFound);
        try {
            editor.deleteNamespace(id, version);
            redirect.addFlashAttribute("success", "Namespace " + label(item) + " deleted.");
        } catch (StillInUse | EditConflict refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:/topology/namespaces";
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

    private String form(Model model, NamespaceForm form, Long id) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", form);
        }
        model.addAttribute("id", id);
        options(model);
        return "topology/namespace-form";
    }

    // ---- specific to this kind of item

    record Row(long id, String fqdn, String scope, String services, String site, String servers, int rowVersion) {
    }

    private java.util.List<Row> rows() {
        java.util.Map<Long, Site> sites = web.sitesById();
        java.util.Map<Long, ExchangeServer> servers = web.serversById();
        return repository.findAllByOrderByFqdnAsc().stream().map(n -> new Row(n.id(), n.fqdn(), n.scope().label(),
                n.serviceSet().stream().map(ExchangeService::label).collect(java.util.stream.Collectors.joining(", ")),
                sites.get(n.siteId()).name(),
                TopologyWeb.serverNames(n.servers().stream().map(LbNamespace.Backend::serverId).toList(), servers), n.version()))
                .toList();
    }

    private static String label(LbNamespace n) {
        return n.fqdn();
    }

    private static NamespaceForm withVersion(NamespaceForm f, Integer version) {
        return new NamespaceForm(f.fqdn(), f.scope(), f.services(), f.siteId(), f.serverIds(), version);
    }

    private void options(Model model) {
        model.addAttribute("sites", web.siteOptions());
        model.addAttribute("servers", web.serverOptions(false));
        model.addAttribute("scopes", TopologyWeb.enumOptions(NamespaceScope.values(), NamespaceScope::label));
        model.addAttribute("services", TopologyWeb.enumOptions(ExchangeService.values(), ExchangeService::label));
    }
}
