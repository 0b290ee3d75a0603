package com.asaconsole.identity;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Signed in, but in no group that grants a console role: say which groups would. */
@Controller
class NoRoleController {

    private final DirectoryAccounts accounts;

    NoRoleController(DirectoryAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/no-access")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String noAccess(Model model) {
        model.addAttribute("roleGroups", accounts.roleGroups());
        model.addAttribute("roles", Role.values());
        return "identity/no-access";
    }
}
