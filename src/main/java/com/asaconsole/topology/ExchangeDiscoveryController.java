package com.asaconsole.topology;

import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Fill the topology from Exchange": ask a server, read the proposal beside the model, confirm item by item. */
@Controller
@RequestMapping("/topology/discover/exchange")
class ExchangeDiscoveryController {

    /** Which server to ask, and its Exchange version (it decides the cmdlets the console runs there). */
    record AskForm(String server, ExchangeVersion version) {
        static AskForm empty() {
            return new AskForm("", ExchangeVersion.EXCHANGE_2019);
        }
    }

    private final ExchangeDiscovery discovery;

    ExchangeDiscoveryController(ExchangeDiscovery discovery) {
        this.discovery = discovery;
    }

    @GetMapping
    String ask(Model model) {
        return form(model, AskForm.empty(), null);
    }

    @PostMapping
    String read(@ModelAttribute("form") AskForm form, Principal principal, Model model) {
        try {
            long id = discovery.propose(form.server(), form.version(), principal.getName());
            return "redirect:/topology/discover/exchange/" + id;
        } catch (ExchangeDiscovery.DiscoveryRefused e) {
            return form(model, form, e.getMessage());
        }
    }

    @GetMapping("/{id}")
    String proposal(@PathVariable long id, Model model) {
        model.addAttribute("proposal", discovery.find(id));
        return "topology/exchange-proposal";
    }

    @PostMapping("/{id}")
    String confirm(@PathVariable long id, @RequestParam(name = "item", required = false) List<String> items, Principal principal,
            RedirectAttributes redirect) {
        try {
            List<String> applied = discovery.confirm(id, items == null ? java.util.Set.of() : new LinkedHashSet<>(items), principal.getName());
            redirect.addFlashAttribute("success", "Confirmed " + applied.size() + " item(s) into the topology: " + String.join(", ", applied)
                    + ". The plan now follows them.");
        } catch (ExchangeDiscovery.DiscoveryRefused e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/topology/discover/exchange/" + id;
    }

    private static String form(Model model, AskForm form, String error) {
        model.addAttribute("form", form);
        model.addAttribute("error", error);
        model.addAttribute("versions", TopologyWeb.enumOptions(ExchangeVersion.values(), ExchangeVersion::label));
        return "topology/discover-exchange";
    }
}
