package com.asaconsole.topology;

import java.util.function.Function;

import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The paste-a-CSV page shared by servers and namespaces: an empty form, then all rows imported
 * (back to the list) or none, with the errors of each row beside the pasted text.
 *
 * @param columns the header the page shows
 * @param view the import template
 * @param listPath where a successful import returns
 * @param plural how the success sentence names the items, e.g. "server(s)"
 */
record CsvImportPage(String columns, String view, String listPath, String plural) {

    String form(Model model) {
        model.addAttribute("csv", "");
        model.addAttribute("columns", columns);
        return view;
    }

    String submit(String csv, Function<String, CsvImport.Outcome> importer, Model model, RedirectAttributes redirect) {
        CsvImport.Outcome outcome = importer.apply(csv);
        if (outcome.ok()) {
            redirect.addFlashAttribute("success", outcome.count() + " " + plural + " imported.");
            return "redirect:" + listPath;
        }
        model.addAttribute("csv", csv);
        model.addAttribute("columns", columns);
        model.addAttribute("rowErrors", outcome.errors());
        return view;
    }
}
