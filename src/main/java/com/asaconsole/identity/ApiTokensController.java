package com.asaconsole.identity;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * API tokens as people manage them: their own under /account/api-tokens (create, see last use, revoke), every token
 * under /admin/api-tokens for admins (revoke any). A new token's value is rendered once into the answer to the POST
 * and kept nowhere but as its hash.
 */
@Controller
class ApiTokensController {

    static final int DEFAULT_DAYS = 90;
    static final int ADMIN_LIST_LIMIT = 500;

    /** The new-token form as typed. */
    record NewTokenForm(String name, Integer days, String scope) {
    }

    /** A choice of the token's role: its value and what it says. */
    record ScopeChoice(String value, String label) {
    }

    private final ApiTokens tokens;

    ApiTokensController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/account/api-tokens")
    String mine(Authentication authentication, Model model) {
        return mine(authentication, new NewTokenForm("", DEFAULT_DAYS, ""), model);
    }

    @PostMapping("/account/api-tokens")
    String create(@RequestParam(defaultValue = "") String name, @RequestParam(required = false) String days,
            @RequestParam(defaultValue = "") String scope, Authentication authentication, Model model, HttpServletResponse response) {
        Integer lifetime = parseDays(days);
        NewTokenForm form = new NewTokenForm(name, lifetime, scope);
        String guid = authentication.getPrincipal() instanceof ConsoleUserDetails details ? details.directoryGuid() : null;
        try {
            ApiTokens.Created created = tokens.create(SignedInUsers.of(authentication), guid, name, lifetime, scope);
            model.addAttribute("created", created);
            model.addAttribute("scopeLabel", scopeLabel(created.token().scope()));
            return "identity/api-token-created";
        } catch (ApiTokens.Refused refused) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("field", refused.field());
            model.addAttribute("problem", refused.getMessage());
            return mine(authentication, form, model);
        }
    }

    @PostMapping("/account/api-tokens/{id}/revoke")
    String revokeMine(@PathVariable long id, Authentication authentication, RedirectAttributes redirect) {
        return revoke(id, authentication, redirect, "redirect:/account/api-tokens");
    }

    @GetMapping("/admin/api-tokens")
    String all(Model model) {
        model.addAttribute("tokens", tokens.all(ADMIN_LIST_LIMIT));
        model.addAttribute("now", tokens.now());
        model.addAttribute("limit", ADMIN_LIST_LIMIT);
        return "identity/api-tokens-admin";
    }

    @PostMapping("/admin/api-tokens/{id}/revoke")
    String revokeAny(@PathVariable long id, Authentication authentication, RedirectAttributes redirect) {
        return revoke(id, authentication, redirect, "redirect:/admin/api-tokens");
    }

    private String revoke(long id, Authentication authentication, RedirectAttributes redirect, String back) {
        try {
            ApiTokens.Token revoked = tokens.revoke(id, SignedInUsers.of(authentication));
            redirect.addFlashAttribute("success", "The API token " + revoked.name() + " is revoked; calls with it are refused from now on.");
        } catch (ApiTokens.Refused refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return back;
    }

    private String mine(Authentication authentication, NewTokenForm form, Model model) {
        ConsoleUser user = SignedInUsers.of(authentication);
        model.addAttribute("tokens", tokens.ofOwner(user.stableId()));
        model.addAttribute("now", tokens.now());
        model.addAttribute("form", form);
        model.addAttribute("scopes", scopes(user));
        model.addAttribute("maxDays", ApiTokens.MAX_DAYS);
        return "identity/api-tokens";
    }

    private static List<ScopeChoice> scopes(ConsoleUser user) {
        List<ScopeChoice> choices = new ArrayList<>();
        choices.add(new ScopeChoice("", "All my roles"));
        for (Role role : Role.values()) {
            if (user.roles().contains(role)) {
                choices.add(new ScopeChoice(role.name(), "Only " + role.label()));
            }
        }
        if (user.roles().contains(Role.ADMIN)) {
            choices.add(new ScopeChoice(ApiTokens.SCRAPE, "Only reading metrics (Prometheus scrape)"));
        }
        return choices;
    }

    static String scopeLabel(String scope) {
        if (scope == null) {
            return "All your roles";
        }
        if (ApiTokens.SCRAPE.equals(scope)) {
            return "Metrics scrape only";
        }
        return "Only " + Role.valueOf(scope).label();
    }

    private static Integer parseDays(String days) {
        if (days == null || days.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(days.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
