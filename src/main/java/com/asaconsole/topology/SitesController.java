package com.asaconsole.topology;

import com.asaconsole.topology.Forms.SiteForm;

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

/** AD sites: list, create, edit and delete. */
@Controller
@RequestMapping("/topology/sites")
class SitesController {

    private final SiteRepository repository;
    private final TopologyEditor editor;
    private final TopologyWeb web;

    SitesController(SiteRepository repository, TopologyEditor editor, TopologyWeb web) {
        this.repository = repository;
        this.editor = editor;
        this.web = web;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("rows", rows());
        return "topology/sites";
    }

    @GetMapping("/new")
    String create(Model model) {
        return form(model, SiteForm.empty(), null);
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        return form(model, SiteForm.from(repository.findById(id).orElseThrow(TopologyEditor::notFound)), id);
    }

    @PostMapping
    String create(@ModelAttribute("form") SiteForm form, BindingResult result, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        return update(null, form, result, model, redirect, response);
    }

    @PostMapping("/{id}")
    String update(@PathVariable Long id, @ModelAttribute("form") SiteForm form, BindingResult result, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        if (result.hasErrors()) {
            return form(model, form, id);
        }
        try {
            Site saved = editor.saveSite(id, form);
            redirect.addFlashAttribute("success", "Site " + label(saved) + " saved.");
            return "redirect:/topology/sites";
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
        Site item = repository.findById(id).orElseThrow(TopologyEditor::notFound);
        try {
            editor.deleteSite(id, version);
            redirect.addFlashAttribute("success", "Site " + label(item) + " deleted.");
        } catch (StillInUse | EditConflict refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:/topology/sites";
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

    private String form(Model model, SiteForm form, Long id) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", form);
        }
        model.addAttribute("id", id);
        options(model);
        return "topology/site-form";
    }

    // ---- specific to this kind of item

    record Row(long id, String name, String forest, int rowVersion) {
    }

    private java.util.List<Row> rows() {
        java.util.Map<Long, Forest> forests = web.forestsById();
        return repository.findAllByOrderByNameAsc().stream()
                .map(s -> new Row(s.id(), s.name(), forests.get(s.forestId()).dnsName(), s.version())).toList();
    }

    private static String label(Site s) {
        return s.name();
    }

    private static SiteForm withVersion(SiteForm f, Integer version) {
        return new SiteForm(f.forestId(), f.name(), version);
    }

    private void options(Model model) {
        model.addAttribute("forests", web.forestOptions());
    }
}
