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

    private static final CsvImportPage PAGE = new CsvImportPage(CsvImport.NAMESPACE_COLUMNS, "topology/namespaces-import",
            "/topology/namespaces", "namespace(s)");

    @GetMapping("/topology/namespaces/import")
    String importForm(Model model) {
        return PAGE.form(model);
    }

    @PostMapping("/topology/namespaces/import")
    String importCsv(@RequestParam(defaultValue = "") String csv, Model model, RedirectAttributes redirect) {
        return PAGE.submit(csv, this.csv::importNamespaces, model, redirect);
    }
}
