package com.asaconsole.topology;

import com.asaconsole.topology.Forms.ForestForm;

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

/** Forests: list, create, edit and delete. */
@Controller
@RequestMapping("/topology/forests")
class ForestsController {

    private final ForestRepository repository;
    private final TopologyEditor editor;
    private final TopologyWeb web;

    ForestsController(ForestRepository repository, TopologyEditor editor, TopologyWeb web) {
        this.repository = repository;
        this.editor = editor;
        this.web = web;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("rows", rows());
        return "topology/forests";
    }

    @GetMapping("/new")
    String create(Model model) {
        return form(model, ForestForm.empty(), null);
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        return form(model, ForestForm.from(repository.findById(id).orElseThrow(TopologyEditor::notFound)), id);
    }

    @PostMapping
    String create(@ModelAttribute("form") ForestForm form, BindingResult result, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        return update(null, form, result, model, redirect, response);
    }

    @PostMapping("/{id}")
    String update(@PathVariable Long id, @ModelAttribute("form") ForestForm form, BindingResult result, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        if (result.hasErrors()) {
            return form(model, form, id);
        }
        try {
            Forest saved = editor.saveForest(id, form);
            redirect.addFlashAttribute("success", "Forest " + label(saved) + " saved.");
            return "redirect:/topology/forests";
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
        Forest item = repository.findById(id).orElseThrow(TopologyEditor::notFound);
        try {
            editor.deleteForest(id, version);
            redirect.addFlashAttribute("success", "Forest " + label(item) + " deleted.");
        } catch (StillInUse | EditConflict refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:/topology/forests";
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

    private String form(Model model, ForestForm form, Long id) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", form);
        }
        model.addAttribute("id", id);
        options(model);
        return "topology/forest-form";
    }

    // ---- specific to this kind of item

    record Row(long id, String dnsName, String netbiosName, String ldaps, String gc, String asaOu, String credentialRef,
            int rowVersion) {
    }

    private java.util.List<Row> rows() {
        return repository.findAllByOrderByDnsNameAsc().stream().map(f -> new Row(f.id(), f.dnsName(), f.netbiosName(),
                f.ldapsEndpoint(), f.globalCatalogEndpoint(), f.asaOu(), f.credentialRef() == null ? "none" : f.credentialRef(),
                f.version())).toList();
    }

    private static String label(Forest f) {
        return f.dnsName();
    }

    private static ForestForm withVersion(ForestForm f, Integer version) {
        return new ForestForm(f.dnsName(), f.netbiosName(), f.ldapsEndpoint(), f.globalCatalogEndpoint(), f.asaOu(),
                f.credentialRef(), version);
    }

    private void options(Model model) {
    }
}
