package com.asaconsole.topology;

import com.asaconsole.topology.Forms.AsaForm;

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

/** ASA accounts: list, create, edit and delete. */
@Controller
@RequestMapping("/topology/asa-accounts")
class AsaAccountsController {

    private final AsaAccountRepository repository;
    private final TopologyEditor editor;
    private final TopologyWeb web;

    AsaAccountsController(AsaAccountRepository repository, TopologyEditor editor, TopologyWeb web) {
        this.repository = repository;
        this.editor = editor;
        this.web = web;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("rows", rows());
        return "topology/asa-accounts";
    }

    @GetMapping("/new")
    String create(Model model) {
        return form(model, AsaForm.empty(), null);
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        return form(model, AsaForm.from(repository.findById(id).orElseThrow(TopologyEditor::notFound)), id);
    }

    @PostMapping
    String create(@ModelAttribute("form") AsaForm form, BindingResult result, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        return update(null, form, result, model, redirect, response);
    }

    @PostMapping("/{id}")
    String update(@PathVariable Long id, @ModelAttribute("form") AsaForm form, BindingResult result, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        if (result.hasErrors()) {
            return form(model, form, id);
        }
        try {
            AsaAccount saved = editor.saveAsa(id, form);
            redirect.addFlashAttribute("success", "ASA account " + label(saved) + " saved.");
            return "redirect:/topology/asa-accounts";
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
        AsaAccount item = repository.findById(id).orElseThrow(TopologyEditor::notFound);
        try {
            editor.deleteAsa(id, version);
            redirect.addFlashAttribute("success", "ASA account " + label(item) + " deleted.");
        } catch (StillInUse | EditConflict refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:/topology/asa-accounts";
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

    private String form(Model model, AsaForm form, Long id) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", form);
        }
        model.addAttribute("id", id);
        options(model);
        return "topology/asa-form";
    }

    // ---- specific to this kind of item

    record Row(long id, String name, String kind, String ou, String encryptionTypes, String password, int rotationDays,
            String servers, int rowVersion) {
    }

    private java.util.List<Row> rows() {
        java.util.Map<Long, Forest> forests = web.forestsById();
        java.util.Map<Long, ExchangeServer> servers = web.serversById();
        return repository.findAllByOrderBySamAccountNameAsc().stream().map(a -> new Row(a.id(),
                Topology.asaName(a, forests.get(a.forestId())), a.kind().label(), a.ou(),
                EncryptionTypes.describe(a.encryptionTypes()),
                a.passwordNeverExpires() ? "never expires" : "expires", a.rotationDays(),
                TopologyWeb.serverNames(servers.values().stream().filter(s -> a.id().equals(s.asaAccountId()))
                        .map(ExchangeServer::id).toList(), servers),
                a.version())).toList();
    }

    private static String label(AsaAccount a) {
        return a.samAccountName();
    }

    private static AsaForm withVersion(AsaForm f, Integer version) {
        return new AsaForm(f.forestId(), f.samAccountName(), f.kind(), f.ou(), f.encryptionTypes(), f.passwordNeverExpires(),
                f.rotationDays(), version);
    }

    private void options(Model model) {
        model.addAttribute("forests", web.forestOptions());
        model.addAttribute("kinds", TopologyWeb.enumOptions(AsaKind.values(), AsaKind::label));
    }
}
