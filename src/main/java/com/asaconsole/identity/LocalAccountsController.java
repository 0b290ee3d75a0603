package com.asaconsole.identity;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The accounts the console keeps itself: the bootstrap admin and accounts admins create (with roles and a one-time
 * password shown once), turned off and on, reset. AD accounts are not listed here.
 */
@Controller
@RequestMapping("/admin/local-accounts")
class LocalAccountsController {

    static final int PAGE_SIZE = 20;

    /** The new-account form as typed. */
    record NewAccountForm(String username, String displayName, Set<Role> roles) {
        static NewAccountForm empty() {
            return new NewAccountForm("", "", EnumSet.noneOf(Role.class));
        }
    }

    private final LocalAccountRepository repository;
    private final LocalAccounts accounts;

    LocalAccountsController(LocalAccountRepository repository, LocalAccounts accounts) {
        this.repository = repository;
        this.accounts = accounts;
    }

    @GetMapping
    String page(@RequestParam(defaultValue = "0") int page, Model model) {
        return page(page, NewAccountForm.empty(), model);
    }

    @HxRequest
    @GetMapping
    String table(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("accounts", rows(page));
        return "identity/local-accounts :: table";
    }

    @PostMapping
    String create(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String displayName,
            @RequestParam(required = false) List<Role> roles, Authentication authentication, Model model, HttpServletResponse response) {
        NewAccountForm form = new NewAccountForm(username, displayName,
                roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles));
        try {
            LocalAccounts.OneTime created = accounts.create(username, displayName, form.roles(), SignedInUsers.of(authentication));
            model.addAttribute("oneTime", created);
            model.addAttribute("what", "created");
            return "identity/one-time-password";
        } catch (LocalAccounts.Refused refused) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("field", refused.field());
            model.addAttribute("problem", refused.getMessage());
            return page(0, form, model);
        }
    }

    @PostMapping("/{username}/disable")
    String disable(@PathVariable String username, Authentication authentication, RedirectAttributes redirect) {
        return setEnabled(username, false, authentication, redirect);
    }

    @PostMapping("/{username}/enable")
    String enable(@PathVariable String username, Authentication authentication, RedirectAttributes redirect) {
        return setEnabled(username, true, authentication, redirect);
    }

    @PostMapping("/{username}/reset")
    String reset(@PathVariable String username, Authentication authentication, Model model, RedirectAttributes redirect) {
        try {
            model.addAttribute("oneTime", accounts.resetPassword(username, SignedInUsers.of(authentication)));
            model.addAttribute("what", "reset");
            return "identity/one-time-password";
        } catch (LocalAccounts.Refused refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
            return "redirect:/admin/local-accounts";
        }
    }

    private String setEnabled(String username, boolean enabled, Authentication authentication, RedirectAttributes redirect) {
        try {
            accounts.setEnabled(username, enabled, SignedInUsers.of(authentication));
            redirect.addFlashAttribute("success", "Local account " + username + " is " + (enabled ? "on" : "off") + ".");
        } catch (LocalAccounts.Refused refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:/admin/local-accounts";
    }

    private String page(int page, NewAccountForm form, Model model) {
        model.addAttribute("accounts", rows(page));
        model.addAttribute("form", form);
        model.addAttribute("allRoles", Role.values());
        return "identity/local-accounts";
    }

    private Page<Row> rows(int page) {
        return repository.findAllByOrderByUsernameAsc(PageRequest.of(Math.max(page, 0), PAGE_SIZE)).map(Row::from);
    }

    record Row(String username, String displayName, List<String> roles, boolean enabled, boolean passwordChangeRequired,
            Instant createdAt) {

        static Row from(LocalAccount account) {
            return new Row(account.username(), account.displayName(), account.roleSet().stream().map(Role::label).toList(),
                    account.enabled(), account.passwordChangeRequired(), account.createdAt());
        }
    }
}
