package com.asaconsole.webhooks;

import java.util.List;

import com.asaconsole.identity.SignedInUsers;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The webhooks page for admins: the endpoints (add, edit, delete), the latest deliveries with their state and
 * attempts, and replaying one. The same {@link WebhookDeliveries} as the API checks the input and records each change
 * in the audit trail; a secret is taken, never shown.
 */
@Controller
@RequestMapping("/admin/webhooks")
class WebhooksController {

    static final int DELIVERIES = 50;

    /** The endpoint form as typed; the secret is never sent back to the page. */
    record EndpointForm(String url, List<String> events) {
        static EndpointForm empty() {
            return new EndpointForm("", List.of());
        }
    }

    private final WebhookDeliveries webhooks;

    WebhooksController(WebhookDeliveries webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping
    String page(Model model) {
        return page(EndpointForm.empty(), null, null, model);
    }

    @PostMapping
    String add(@RequestParam(defaultValue = "") String url, @RequestParam(defaultValue = "") String secret,
            @RequestParam(required = false) List<String> events, Authentication authentication, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        try {
            WebhookDeliveries.Endpoint endpoint = webhooks.register(url, secret, events, SignedInUsers.of(authentication));
            redirect.addFlashAttribute("success", "Endpoint " + endpoint.url() + " added; it gets " + String.join(", ", endpoint.events()) + ".");
            return "redirect:/admin/webhooks";
        } catch (WebhookDeliveries.Refused refused) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(new EndpointForm(url, events == null ? List.of() : events), refused.field, refused.getMessage(), model);
        }
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        WebhookDeliveries.Endpoint endpoint = endpoint(id);
        return edit(endpoint, new EndpointForm(endpoint.url(), endpoint.events()), null, null, model);
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @RequestParam(defaultValue = "") String url, @RequestParam(defaultValue = "") String secret,
            @RequestParam(required = false) List<String> events, Authentication authentication, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        WebhookDeliveries.Endpoint endpoint = endpoint(id);
        try {
            WebhookDeliveries.Endpoint saved = webhooks.update(id, url, secret, events, SignedInUsers.of(authentication));
            redirect.addFlashAttribute("success", "Endpoint " + saved.url() + " saved" + (secret.isEmpty() ? "; its secret is unchanged." : " with its "
                    + "new secret."));
            return "redirect:/admin/webhooks";
        } catch (WebhookDeliveries.Refused refused) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return edit(endpoint, new EndpointForm(url, events == null ? List.of() : events), refused.field, refused.getMessage(), model);
        }
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, Authentication authentication, RedirectAttributes redirect) {
        WebhookDeliveries.Endpoint endpoint = endpoint(id);
        webhooks.delete(id, SignedInUsers.of(authentication));
        redirect.addFlashAttribute("success", "Endpoint " + endpoint.url() + " deleted with its delivery records.");
        return "redirect:/admin/webhooks";
    }

    @PostMapping("/deliveries/{id}/replay")
    String replay(@PathVariable String id, Authentication authentication, RedirectAttributes redirect) {
        try {
            WebhookDeliveries.Delivery delivery = webhooks.replay(id, SignedInUsers.of(authentication));
            redirect.addFlashAttribute("success", "Delivery " + delivery.id() + " (" + delivery.event() + ") is being sent again.");
        } catch (WebhookDeliveries.Refused refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:/admin/webhooks#deliveries";
    }

    private WebhookDeliveries.Endpoint endpoint(long id) {
        return webhooks.endpoint(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no webhook endpoint " + id + "."));
    }

    private String page(EndpointForm form, String field, String problem, Model model) {
        List<WebhookDeliveries.Endpoint> endpoints = webhooks.endpoints();
        model.addAttribute("endpoints", endpoints);
        model.addAttribute("urls", endpoints.stream().collect(java.util.stream.Collectors.toMap(WebhookDeliveries.Endpoint::id,
                WebhookDeliveries.Endpoint::url)));
        model.addAttribute("deliveries", webhooks.recentDeliveries(DELIVERIES));
        model.addAttribute("limit", DELIVERIES);
        return form(form, field, problem, model, "webhooks/webhooks");
    }

    private String edit(WebhookDeliveries.Endpoint endpoint, EndpointForm form, String field, String problem, Model model) {
        model.addAttribute("endpoint", endpoint);
        return form(form, field, problem, model, "webhooks/edit");
    }

    private static String form(EndpointForm form, String field, String problem, Model model, String view) {
        model.addAttribute("form", form);
        model.addAttribute("field", field);
        model.addAttribute("problem", problem);
        model.addAttribute("allEvents", WebhookDeliveries.EVENTS.stream().sorted().toList());
        return view;
    }
}
