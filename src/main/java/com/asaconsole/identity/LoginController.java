package com.asaconsole.identity;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
            @RequestParam(required = false) String expired, Authentication authentication, HttpSession session,
            Model model) {
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        if (error != null) {
            Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            model.addAttribute("error", sentenceFor(failure instanceof AuthenticationException e ? e : null));
        } else if (logout != null) {
            model.addAttribute("info", "You have signed out.");
        } else if (expired != null) {
            model.addAttribute("info", "Your session has ended. Sign in again.");
        }
        return "identity/login";
    }

    /** Says what went wrong without telling a stranger whether the account exists. */
    static String sentenceFor(AuthenticationException failure) {
        if (failure instanceof LoginThrottledException throttled) {
            return throttled.getMessage();
        }
        if (failure instanceof SignInNotRecorded notRecorded) {
            return notRecorded.getMessage();
        }
        if (failure instanceof DisabledException) {
            return "This account is disabled. Ask another administrator to enable it.";
        }
        return "Sign-in failed: the user name or password is wrong.";
    }
}
