package com.asaconsole.directory;

import jakarta.validation.Valid;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admins configure how the console reaches each forest, and test it. Passwords are write-only. */
@Controller
@RequestMapping("/admin/directory")
class DirectorySettingsController {

    private final DirectorySettings settings;
    private final DirectoryGateway gateway;
    private final org.springframework.context.ApplicationEventPublisher events;

    DirectorySettingsController(DirectorySettings settings, DirectoryGateway gateway,
            org.springframework.context.ApplicationEventPublisher events) {
        this.settings = settings;
        this.gateway = gateway;
        this.events = events;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("connections", settings.all());
        model.addAttribute("form", DirectorySettingsForm.empty());
        return "directory/connections";
    }

    @GetMapping("/{forest}")
    String edit(@PathVariable String forest, Model model) {
        ForestSettings existing = settings.find(forest).orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(
                org.springframework.http.HttpStatus.NOT_FOUND, "No directory connection is configured for forest " + forest + "."));
        model.addAttribute("connections", settings.all());
        model.addAttribute("form", DirectorySettingsForm.from(existing));
        return "directory/connections";
    }

    @PostMapping
    String save(@Valid @ModelAttribute("form") DirectorySettingsForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (form == null || errors.getTarget() == null) {
            // a value could not even be converted (a version that is no number): the form starts again, saying so
            model.addAttribute("form", DirectorySettingsForm.empty());
            model.addAttribute("error", UNREADABLE);
            model.addAttribute("connections", settings.all());
            return "directory/connections";
        }
        if (form.version() == null && (form.bindPassword() == null || form.bindPassword().isEmpty())) {
            errors.rejectValue("bindPassword", "required", "Enter the bind account's password.");
        }
        if (!errors.hasFieldErrors("trustedCertificatePem")) {
            TlsTrust.certificateProblem(form.trustedCertificatePem())
                    .ifPresent(problem -> errors.rejectValue("trustedCertificatePem", "pem", problem));
        }
        if (!errors.hasErrors()) {
            try {
                settings.save(form.toSettings(), chars(form.bindPassword()), chars(form.probePassword()), form.version());
                redirect.addFlashAttribute("success", "Saved the connection to " + form.forest() + ".");
                redirect.addAttribute("forest", form.toSettings().forest());
                return "redirect:/admin/directory/{forest}";
            } catch (DirectorySettings.PasswordNeeded e) {
                errors.rejectValue(e.field(), "password-needed", e.getMessage());
            } catch (OptimisticLockingFailureException e) {
                model.addAttribute("error", "Someone else changed this connection while you edited it. Your input is below; "
                        + "reload the page to see their version, then apply your change again.");
            } catch (DirectoryException e) {
                model.addAttribute("error", e.getMessage());
            } catch (IllegalArgumentException e) {
                model.addAttribute("error", e.getMessage());
            }
        }
        model.addAttribute("connections", settings.all());
        return "directory/connections";
    }

    @PostMapping("/{forest}/test")
    String test(@PathVariable String forest, RedirectAttributes redirect) {
        try {
            ForestFacts facts = gateway.open(settings.connection(forest)).discover();
            events.publishEvent(new DirectoryActivity("directory.tested", forest, true, java.util.Map.of("dc", facts.dcHostName(),
                    "sites", Integer.toString(facts.sites().size()))));
            redirect.addFlashAttribute("facts", facts);
            redirect.addFlashAttribute("success", "Connected to " + facts.dcHostName() + " over LDAPS.");
        } catch (DirectoryException | IllegalArgumentException e) {
            events.publishEvent(new DirectoryActivity("directory.tested", forest, false, java.util.Map.of("reason", e.getMessage())));
            redirect.addFlashAttribute("error", e.getMessage());
        }
        // the name as a URI variable: Spring encodes it; concatenated, "{…}" in it was read as a template (and failed)
        redirect.addAttribute("forest", forest);
        return "redirect:/admin/directory/{forest}";
    }

    static final String UNREADABLE = "A value of the form could not be read (a number was expected); nothing was saved. "
            + "Reload the page and enter the connection again.";

    private static char[] chars(String value) {
        return value == null || value.isEmpty() ? null : value.toCharArray();
    }
}
