package com.asaconsole.topology;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** CSV paste import of namespaces; all rows or none. Also the topology's landing path. */
@Controller
class NamespaceImportController {

    private final CsvImport csv;

    NamespaceImportController(CsvImport csv) {
        this.csv = csv;
    }

    @GetMapping("/topology")
    String topology() {
        return "redirect:/topology/forests";
    }

    @GetMapping("/topology/namespaces/import")
    String importForm(Model model) {
        model.addAttribute("csv", "");
        model.addAttribute("columns", CsvImport.NAMESPACE_COLUMNS);
        return "topology/namespaces-import";
    }

    @PostMapping("/topology/namespaces/import")
    String importCsv(@RequestParam(defaultValue = "") String csv, Model model, RedirectAttributes redirect) {
        CsvImport.Outcome outcome = this.csv.importNamespaces(csv);
        if (outcome.ok()) {
            redirect.addFlashAttribute("success", outcome.count() + " namespace(s) imported.");
            return "redirect:/topology/namespaces";
        }
        model.addAttribute("csv", csv);
        model.addAttribute("columns", CsvImport.NAMESPACE_COLUMNS);
        model.addAttribute("rowErrors", outcome.errors());
        return "topology/namespaces-import";
    }
}
