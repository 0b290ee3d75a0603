package com.asaconsole.identity;


import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

    private final SignInFailureNotes failureNotes;

    LoginController(SignInFailureNotes failureNotes) {
        this.failureNotes = failureNotes;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
            @RequestParam(required = false) String expired, @RequestParam(required = false) String disabled,
            Authentication authentication, Model model) {
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        if (error != null) {
            // the sentence the failed sign-in noted; the address bar only names the note (no session for visitors)
            model.addAttribute("error", failureNotes.sentence(error).orElse(SignInFailureNotes.GENERAL));
        } else if (logout != null) {
            model.addAttribute("info", "You have signed out.");
        } else if (expired != null) {
            model.addAttribute("info", "Your session has ended. Sign in again.");
        } else if (disabled != null) {
            model.addAttribute("error", "Your account was disabled or removed in Active Directory, so your session ended.");
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
        if (failure instanceof org.springframework.security.authentication.AuthenticationServiceException service
                && service.getMessage() != null) {
            // the directory could not be asked (e.g. "Cannot reach dc1…"): say so rather than blame the password
            return "Sign-in failed: " + service.getMessage();
        }
        return "Sign-in failed: the user name or password is wrong.";
    }
}
