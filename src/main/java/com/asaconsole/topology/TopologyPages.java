package com.asaconsole.topology;

import java.util.Optional;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

/**
 * The pages every kind of topology item has — list, new, edit, save, delete (also in place, for
 * htmx) — with the same answers: field sentences on invalid input, 409 with the editor's input
 * kept on a conflict, a sentence when a delete is refused. A subclass names its paths and says how
 * to find, save, delete and show its items; the rules themselves live in each kind's editor
 * ({@link ForestEditor}, {@link ServerEditor}, …).
 *
 * @param <E> the stored item
 * @param <F> its form record
 */
abstract class TopologyPages<E, F> {

    private final String path;
    private final String kind;
    private final String listView;
    private final String formView;

    /**
     * @param path e.g. /topology/sites (the subclass maps the same path)
     * @param kind how a sentence names one item, e.g. "Site"
     */
    TopologyPages(String path, String kind, String listView, String formView) {
        this.path = path;
        this.kind = kind;
        this.listView = listView;
        this.formView = formView;
    }

    /** Rows a page holds: long lists are paged, so a page stays small however large the estate. */
    static final int PAGE_SIZE = 50;

    /** One page of the list, in the list's order. */
    abstract Page<?> rows(Pageable page);

    abstract Optional<E> find(long id);

    abstract E save(Long id, F form);

    abstract void remove(long id, Integer version);

    abstract String label(E item);

    abstract F empty();

    abstract F from(E item);

    abstract F withVersion(F form, Integer version);

    /** Choices the form offers (sites, servers, enum values…). */
    void options(Model model) {
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("rows", rows(PageRequest.of(Math.max(0, page), PAGE_SIZE)));
        model.addAttribute("listPath", path);
        return listView;
    }

    /** The list alone, for the paging links (htmx swaps it in place). */
    @HxRequest
    @GetMapping
    String listOnly(@RequestParam(defaultValue = "0") int page, Model model) {
        return list(page, model) + " :: list";
    }

    @GetMapping("/new")
    String create(Model model) {
        return form(model, empty(), null);
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        return form(model, from(find(id).orElseThrow(TopologyEdits::notFound)), id);
    }

    @PostMapping
    String create(@ModelAttribute("form") F form, BindingResult result, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        return update(null, form, result, model, redirect, response);
    }

    @PostMapping("/{id}")
    String update(@PathVariable Long id, @ModelAttribute("form") F form, BindingResult result, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        if (form == null || result.getTarget() == null) {
            // a value could not even be converted into the form (a version or an id that is no number): start again, saying so
            model.addAttribute("form", id == null ? empty() : find(id).map(this::from).orElseThrow(TopologyEdits::notFound));
            model.addAttribute("conflict", "A value of the form could not be read (a number was expected where something else was "
                    + "sent); nothing was saved. The form shows the stored values again.");
            return form(model, null, id);
        }
        if (result.hasErrors()) {
            return form(model, form, id);
        }
        try {
            E saved = save(id, form);
            redirect.addFlashAttribute("success", kind + " " + label(saved) + " saved.");
            return "redirect:" + path;
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
        E item = find(id).orElseThrow(TopologyEdits::notFound);
        try {
            remove(id, version);
            redirect.addFlashAttribute("success", kind + " " + label(item) + " deleted.");
        } catch (StillInUse | EditConflict refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:" + path;
    }

    /** The same deletion from the list's htmx button: answers the list fragment with the outcome instead of a redirect. */
    @HxRequest
    @PostMapping("/{id}/delete")
    String deleteInPlace(@PathVariable long id, @RequestParam(required = false) Integer version, Model model) {
        RedirectAttributesModelMap outcome = new RedirectAttributesModelMap();
        delete(id, version, outcome);
        model.addAllAttributes(outcome.getFlashAttributes());
        return list(0, model) + " :: list";
    }

    String form(Model model, F form, Long id) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", form);
        }
        model.addAttribute("id", id);
        options(model);
        return formView;
    }
}
