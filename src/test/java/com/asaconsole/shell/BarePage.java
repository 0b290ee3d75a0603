package com.asaconsole.shell;

import java.security.Principal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The load benchmark's baseline (profile "bench" only, test code): a bare Thymeleaf page of the
 * same app, behind the same session sign-in, with no layout and no database. What the console's
 * own pages are compared with in the same run (src/test/bench/load.sh).
 */
@Controller
@Profile("bench")
class BarePage {

    @GetMapping("/bench/bare")
    String bare(Principal principal, Model model) {
        model.addAttribute("title", "Bare page");
        model.addAttribute("user", principal.getName());
        return "bench/bare";
    }

    @Configuration(proxyBeanMethods = false)
    @Profile("bench")
    static class Security {

        @Bean
        @Order(1)
        SecurityFilterChain bareChain(HttpSecurity http) throws Exception {
            return http.securityMatcher("/bench/**").authorizeHttpRequests(a -> a.anyRequest().hasAnyRole("ADMIN", "APPROVER", "HELPDESK"))
                    .build();
        }
    }
}
