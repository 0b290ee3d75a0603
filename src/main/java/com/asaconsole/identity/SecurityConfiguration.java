package com.asaconsole.identity;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Deny by default: every path the console serves is named here with the roles that may use it;
 * anything else is refused. {@code AuthorizationMatrixTest} holds the same table and fails the
 * build when a handler appears that neither names.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

    private static final String[] ANY_ROLE = { Role.ADMIN.name(), Role.APPROVER.name(), Role.HELPDESK.name() };

    @Bean
    SecurityFilterChain consoleSecurity(HttpSecurity http, AuthenticationManager authenticationManager,
            IdentityProperties properties, Clock clock) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico", "/error").permitAll()
                .requestMatchers("/login").permitAll()
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                .requestMatchers("/admin/**").hasRole(Role.ADMIN.name())
                .requestMatchers("/", "/about").hasAnyRole(ANY_ROLE)
                .requestMatchers(HttpMethod.GET, "/spn-status", "/api/spn-status").hasAnyRole(ANY_ROLE)
                .requestMatchers(HttpMethod.GET, "/inventory", "/inventory/scans/*").hasAnyRole(ANY_ROLE)
                .requestMatchers(HttpMethod.POST, "/inventory/scans", "/inventory/scans/*/cancel")
                    .hasAnyRole(Role.ADMIN.name(), Role.HELPDESK.name())
                // topology and plans: everyone with a role reads; only admins open edit forms or write
                .requestMatchers(HttpMethod.GET, "/topology/discover").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.GET, "/topology/*/new", "/topology/*/*/edit", "/topology/*/import")
                    .hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.GET, "/topology", "/topology/**", "/plans", "/plans/**").hasAnyRole(ANY_ROLE)
                .requestMatchers(HttpMethod.POST, "/topology/**", "/plans", "/plans/**").hasRole(Role.ADMIN.name())
                // the audit trail: reviewers and admins read, verify and export it; nobody changes it
                .requestMatchers(HttpMethod.GET, "/audit", "/audit/**", "/api/audit", "/api/audit/**")
                    .hasAnyRole(Role.ADMIN.name(), Role.APPROVER.name())
                // the JSON API: same rules; its description is readable by every role
                .requestMatchers(HttpMethod.GET, "/api/**", "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html",
                        "/swagger-ui/**").hasAnyRole(ANY_ROLE)
                .requestMatchers(HttpMethod.POST, "/api/**").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.PUT, "/api/**").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.DELETE, "/api/**").hasRole(Role.ADMIN.name())
                .anyRequest().denyAll())
            .authenticationManager(authenticationManager)
            .formLogin(form -> form.loginPage("/login").failureUrl("/login?error").defaultSuccessUrl("/", false))
            .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                .invalidateHttpSession(true).deleteCookies("JSESSIONID"))
            .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
            .headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .frameOptions(frame -> frame.deny()))
            .addFilterBefore(new AbsoluteSessionTimeoutFilter(properties.sessionAbsoluteTimeout(), clock),
                SecurityContextHolderFilter.class);
        return http.build();
    }

    @Bean
    AuthenticationManager authenticationManager(LocalAccountDetailsService localAccounts, PasswordEncoder passwordEncoder,
            LoginThrottle throttle, ApplicationEventPublisher events) {
        DaoAuthenticationProvider local = new DaoAuthenticationProvider(localAccounts);
        local.setPasswordEncoder(passwordEncoder);
        return new ProviderManager(new ThrottledAuthenticationProvider(local, throttle, events));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
