package com.asaconsole.directory;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;


import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Start a forest-wide SPN scan, watch it, cancel it, read its duplicates, export its inventory. The scan only reads. */
@Controller
@RequestMapping("/inventory")
class InventoryController {

    private final SpnInventory inventory;
    private final DirectorySettings settings;
    private final InventoryScans scans;

    InventoryController(SpnInventory inventory, DirectorySettings settings, InventoryScans scans) {
        this.inventory = inventory;
        this.settings = settings;
        this.scans = scans;
    }

    @GetMapping
    String overview(Model model) {
        model.addAttribute("forests", settings.all().stream()
                .map(f -> new ForestScan(f.forest(), inventory.latest(f.forest()).orElse(null))).toList());
        return "directory/inventory";
    }

    @PostMapping("/scans")
    String start(@RequestParam String forest, RedirectAttributes redirect) {
        try {
            return "redirect:/inventory/scans/" + scans.start(forest);
        } catch (DirectoryException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/inventory";
        }
    }

    @GetMapping("/scans/{id}")
    String scan(@PathVariable long id, Model model) {
        fill(id, model);
        return "directory/scan";
    }

    @HxRequest
    @GetMapping("/scans/{id}")
    String scanProgress(@PathVariable long id, Model model) {
        fill(id, model);
        return "directory/scan :: progress";
    }

    /** A finished scan's whole inventory, every SPN with its account, as a dated CSV file. */
    @GetMapping("/scans/{id}/inventory.csv")
    ResponseEntity<StreamingResponseBody> inventoryCsv(@PathVariable long id) {
        SpnInventory.Scan scan = inventory.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no SPN scan #" + id + "."));
        if (scan.status() != SpnInventory.Status.FINISHED) { // a partial inventory would pass for the whole forest
            throw new ResponseStatusException(HttpStatus.CONFLICT, "Scan " + id + " is " + scan.status()
                    + "; only a finished scan has a whole inventory to export.");
        }
        return InventoryCsv.download(inventory, scan);
    }

    @PostMapping("/scans/{id}/cancel")
    String cancel(@PathVariable long id) {
        scans.cancel(id);
        return "redirect:/inventory/scans/" + id;
    }

    private void fill(long id, Model model) {
        SpnInventory.Scan scan = inventory.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no SPN scan #" + id + "."));
        model.addAttribute("scan", scan);
        if (scan.status() == SpnInventory.Status.FINISHED) {
            model.addAttribute("duplicates", inventory.duplicates(id));
            model.addAttribute("suspicious", inventory.suspicious(id));
        }
    }

    record ForestScan(String forest, SpnInventory.Scan latest) {
    }
}
