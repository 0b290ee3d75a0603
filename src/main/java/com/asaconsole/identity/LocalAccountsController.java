package com.asaconsole.identity;

import java.time.Instant;
import java.util.List;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The accounts the console keeps itself (the bootstrap admin); AD accounts are not listed here. */
@Controller
@RequestMapping("/admin/local-accounts")
class LocalAccountsController {

    static final int PAGE_SIZE = 20;

    private final LocalAccountRepository accounts;

    LocalAccountsController(LocalAccountRepository accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    String page(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("accounts", rows(page));
        return "identity/local-accounts";
    }

    @HxRequest
    @GetMapping
    String table(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("accounts", rows(page));
        return "identity/local-accounts :: table";
    }

    /** The bootstrap admin stays usable until an admin turns it off, typically once AD sign-in works. */
    @PostMapping("/{username}/disable")
    String disable(@PathVariable String username, Authentication authentication, RedirectAttributes redirect) {
        return setEnabled(username, false, authentication, redirect);
    }

    @PostMapping("/{username}/enable")
    String enable(@PathVariable String username, Authentication authentication, RedirectAttributes redirect) {
        return setEnabled(username, true, authentication, redirect);
    }

    private String setEnabled(String username, boolean enabled, Authentication authentication, RedirectAttributes redirect) {
        LocalAccount account = accounts.findByUsernameIgnoreCase(username).orElse(null);
        if (account == null) {
            redirect.addFlashAttribute("error", "There is no local account " + username + ".");
        } else if (!enabled && authentication.getPrincipal() instanceof ConsoleUserDetails me
                && me.user().stableId().equals("local:" + account.id())) {
            redirect.addFlashAttribute("error", "You are signed in with " + username + ", so you can't turn it off. "
                    + "Sign in with your Active Directory account first.");
        } else {
            accounts.save(new LocalAccount(account.id(), account.username(), account.displayName(), account.passwordHash(),
                    account.roles(), enabled, account.createdAt(), account.version()));
            redirect.addFlashAttribute("success", "Local account " + account.username() + " is " + (enabled ? "on" : "off") + ".");
        }
        return "redirect:/admin/local-accounts";
    }

    private Page<Row> rows(int page) {
        return accounts.findAllByOrderByUsernameAsc(PageRequest.of(Math.max(page, 0), PAGE_SIZE)).map(Row::from);
    }

    record Row(String username, String displayName, List<String> roles, boolean enabled, Instant createdAt) {

        static Row from(LocalAccount account) {
            return new Row(account.username(), account.displayName(),
                    account.roleSet().stream().map(Role::label).toList(), account.enabled(), account.createdAt());
        }
    }
}
