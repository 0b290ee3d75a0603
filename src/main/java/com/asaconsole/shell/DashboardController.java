package com.asaconsole.shell;

import java.util.Arrays;
import java.util.List;

import com.asaconsole.identity.Role;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class DashboardController {

    @GetMapping("/")
    String dashboard(Authentication authentication, Model model) {
        List<String> authorities = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        model.addAttribute("roles", Arrays.stream(Role.values()).filter(r -> authorities.contains(r.authority())).toList());
        model.addAttribute("before", DeploymentStepOverview.BEFORE);
        model.addAttribute("steps", DeploymentStepOverview.STEPS);
        return "shell/dashboard";
    }
}
