package com.asaconsole.identity;

import java.time.Instant;
import java.util.List;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
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
