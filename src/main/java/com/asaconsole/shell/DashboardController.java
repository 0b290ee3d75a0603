package com.asaconsole.shell;

import java.util.Arrays;

import com.asaconsole.health.EstateHealth;
import com.asaconsole.identity.ConsoleUser;
import com.asaconsole.identity.Role;
import com.asaconsole.identity.SignedInUsers;
import com.asaconsole.rotation.RotationPolicies;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The cockpit: where the estate stands on the road to Kerberos, and what to do next, for the person signed in. */
@Controller
class DashboardController {

    private final Cockpit cockpit;
    private final EstateHealth health;
    private final RotationPolicies rotation;

    DashboardController(Cockpit cockpit, EstateHealth health, RotationPolicies rotation) {
        this.cockpit = cockpit;
        this.health = health;
        this.rotation = rotation;
    }

    @GetMapping("/")
    String dashboard(Authentication authentication, Model model) {
        ConsoleUser me = SignedInUsers.of(authentication);
        model.addAttribute("roles", Arrays.stream(Role.values()).filter(r -> me.roles().contains(r)).toList());
        model.addAttribute("cockpit", cockpit.view(me));
        model.addAttribute("health", health.report().orElse(null));
        model.addAttribute("rolls", rotation.approved());
        model.addAttribute("steps", com.asaconsole.deployment.WizardSteps.ALL);
        model.addAttribute("admin", me.roles().contains(Role.ADMIN));
        model.addAttribute("reviewer", me.roles().contains(Role.APPROVER) || me.roles().contains(Role.ADMIN));
        return "shell/dashboard";
    }
}
