package com.asaconsole.topology;

import com.asaconsole.topology.Forms.CasArrayForm;

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

/** CAS arrays: list, create, edit and delete. */
@Controller
@RequestMapping("/topology/cas-arrays")
class CasArraysController {

    private final CasArrayRepository repository;
    private final TopologyEditor editor;
    private final TopologyWeb web;

    CasArraysController(CasArrayRepository repository, TopologyEditor editor, TopologyWeb web) {
        this.repository = repository;
        this.editor = editor;
        this.web = web;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("rows", rows());
        return "topology/cas-arrays";
    }

    @GetMapping("/new")
    String create(Model model) {
        return form(model, CasArrayForm.empty(), null);
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        return form(model, CasArrayForm.from(repository.findById(id).orElseThrow(TopologyEditor::notFound)), id);
    }

    @PostMapping
    String create(@ModelAttribute("form") CasArrayForm form, BindingResult result, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        return update(null, form, result, model, redirect, response);
    }

    @PostMapping("/{id}")
    String update(@PathVariable Long id, @ModelAttribute("form") CasArrayForm form, BindingResult result, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        if (result.hasErrors()) {
            return form(model, form, id);
        }
        try {
            CasArray saved = editor.saveArray(id, form);
            redirect.addFlashAttribute("success", "CAS array " + label(saved) + " saved.");
            return "redirect:/topology/cas-arrays";
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
        CasArray item = repository.findById(id).orElseThrow(TopologyEditor::notFound);
        try {
            editor.deleteArray(id, version);
            redirect.addFlashAttribute("success", "CAS array " + label(item) + " deleted.");
        } catch (StillInUse | EditConflict refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:/topology/cas-arrays";
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

    private String form(Model model, CasArrayForm form, Long id) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", form);
        }
        model.addAttribute("id", id);
        options(model);
        return "topology/cas-array-form";
    }

    // ---- specific to this kind of item

    record Row(long id, String fqdn, String site, String members, int rowVersion) {
    }

    private java.util.List<Row> rows() {
        java.util.Map<Long, Site> sites = web.sitesById();
        java.util.Map<Long, ExchangeServer> servers = web.serversById();
        return repository.findAllByOrderByFqdnAsc().stream().map(a -> new Row(a.id(), a.fqdn(), sites.get(a.siteId()).name(),
                TopologyWeb.serverNames(a.members().stream().map(CasArray.Member::serverId).toList(), servers), a.version()))
                .toList();
    }

    private static String label(CasArray a) {
        return a.fqdn();
    }

    private static CasArrayForm withVersion(CasArrayForm f, Integer version) {
        return new CasArrayForm(f.fqdn(), f.siteId(), f.memberIds(), version);
    }

    private void options(Model model) {
        model.addAttribute("sites", web.siteOptions());
        model.addAttribute("servers", web.serverOptions(true));
    }
}
