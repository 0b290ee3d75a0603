package com.asaconsole.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A local account's owner chooses their own password: at first sign-in (a one-time password), after a reset, or any time. */
@Controller
class PasswordChangeController {

    private final LocalAccounts accounts;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    PasswordChangeController(LocalAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping(PasswordChangeGate.PAGE)
    String form(Authentication authentication, Model model) {
        return page(authentication, model);
    }

    @PostMapping(PasswordChangeGate.PAGE)
    String change(@RequestParam(defaultValue = "") String current, @RequestParam(defaultValue = "") String chosen,
            @RequestParam(defaultValue = "") String repeated, Authentication authentication, Model model,
            RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response) {
        ConsoleUser me = SignedInUsers.of(authentication);
        try {
            accounts.changeOwnPassword(me, current, chosen, repeated);
        } catch (LocalAccounts.Refused refused) {
            model.addAttribute("field", refused.field());
            model.addAttribute("problem", refused.getMessage());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(authentication, model);
        }
        if (authentication.getPrincipal() instanceof ConsoleUserDetails details && details.passwordChangeRequired()) {
            // the same session, without the one-time password's restriction
            ConsoleUserDetails changed = details.passwordChanged();
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(changed, null, changed.getAuthorities()));
            SecurityContextHolder.setContext(context);
            contexts.saveContext(context, request, response);
        }
        redirect.addFlashAttribute("success", "Your password is changed. Use it from now on.");
        return "redirect:/";
    }

    private String page(Authentication authentication, Model model) {
        ConsoleUser me = SignedInUsers.of(authentication);
        model.addAttribute("local", me.method() == ConsoleUser.Method.LOCAL);
        model.addAttribute("required", authentication.getPrincipal() instanceof ConsoleUserDetails d && d.passwordChangeRequired());
        model.addAttribute("minLength", PasswordRules.MIN_LENGTH);
        return "identity/change-password";
    }
}
