package com.asaconsole.identity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.core.io.FileSystemResource;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.kerberos.authentication.KerberosServiceAuthenticationProvider;
import org.springframework.security.kerberos.authentication.sun.SunJaasKerberosTicketValidator;
import org.springframework.security.kerberos.web.authentication.SpnegoAuthenticationProcessingFilter;
import org.springframework.security.kerberos.web.authentication.SpnegoEntryPoint;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

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
            IdentityProperties properties, DirectoryAccounts directoryAccounts, Clock clock,
            HandlerMappingIntrospector handlerMappings, ApiTokens apiTokens, LocalAccountRepository localAccounts,
            SignInFailureNotes failureNotes) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico", "/error").permitAll()
                .requestMatchers("/login").permitAll()
                .requestMatchers(HttpMethod.GET, "/no-access").authenticated()
                // a local account's owner changes their own password (a one-time one at first sign-in)
                .requestMatchers(PasswordChangeGate.PAGE).hasAnyRole(ANY_ROLE)
                // info (the product's version) is for admins only, like the rest of the actuator
                .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                // Prometheus scrapes with an admin's scrape token (ADR 30) or an admin reads it
                .requestMatchers(HttpMethod.GET, "/actuator/prometheus")
                    .hasAnyAuthority(Role.ADMIN.authority(), BearerTokenFilter.METRICS_AUTHORITY)
                .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                .requestMatchers("/admin/**").hasRole(Role.ADMIN.name())
                .requestMatchers("/", "/about").hasAnyRole(ANY_ROLE)
                // everyone with a role keeps their own API tokens; admins see and revoke all under /admin/api-tokens
                .requestMatchers("/account/api-tokens", "/account/api-tokens/*/revoke").hasAnyRole(ANY_ROLE)
                .requestMatchers(HttpMethod.GET, "/spn-status", "/api/spn-status").hasAnyRole(ANY_ROLE)
                .requestMatchers(HttpMethod.GET, "/health").hasAnyRole(ANY_ROLE)
                .requestMatchers(HttpMethod.POST, "/health/check").hasAnyRole(Role.ADMIN.name(), Role.HELPDESK.name())
                .requestMatchers(HttpMethod.POST, "/health/fixes").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.GET, "/inventory", "/inventory/scans/*", "/inventory/scans/*/inventory.csv").hasAnyRole(ANY_ROLE)
                .requestMatchers(HttpMethod.POST, "/inventory/scans", "/inventory/scans/*/cancel")
                    .hasAnyRole(Role.ADMIN.name(), Role.HELPDESK.name())
                // changes: admins submit, reviewers approve; both read
                .requestMatchers(HttpMethod.GET, "/changes", "/changes/*", "/changes/*/story", "/changes/*/document")
                    .hasAnyRole(Role.ADMIN.name(), Role.APPROVER.name())
                .requestMatchers(HttpMethod.POST, "/changes", "/changes/*/run", "/changes/*/withdraw").hasRole(Role.ADMIN.name())
                // jobs: both watch; only admins run, cancel, retry, skip or abort
                .requestMatchers(HttpMethod.GET, "/jobs", "/jobs/*", "/jobs/*/progress").hasAnyRole(Role.ADMIN.name(), Role.APPROVER.name())
                .requestMatchers(HttpMethod.POST, "/jobs/*/cancel", "/jobs/*/retry", "/jobs/*/skip", "/jobs/*/abort").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.POST, "/changes/*/approve", "/changes/*/reject").hasRole(Role.APPROVER.name())
                .requestMatchers(HttpMethod.GET, "/rotation").hasAnyRole(Role.ADMIN.name(), Role.APPROVER.name())
                .requestMatchers(HttpMethod.POST, "/rotation").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.POST, "/rotation/*/approve", "/rotation/*/revoke").hasRole(Role.APPROVER.name())
                // topology and plans: everyone with a role reads; only admins open edit forms or write
                .requestMatchers(HttpMethod.GET, "/topology/discover", "/topology/discover/**").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.GET, "/topology/*/new", "/topology/*/*/edit", "/topology/*/import")
                    .hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.GET, "/topology", "/topology/**", "/plans", "/plans/**").hasAnyRole(ANY_ROLE)
                .requestMatchers(HttpMethod.POST, "/topology/**", "/plans", "/plans/**").hasRole(Role.ADMIN.name())
                // the audit trail: reviewers and admins read, verify and export it; nobody changes it
                .requestMatchers(HttpMethod.GET, "/audit", "/audit/**", "/api/audit", "/api/audit/**")
                    .hasAnyRole(Role.ADMIN.name(), Role.APPROVER.name())
                // changes and jobs through the API: the pages' rules (the services check roles and four-eyes again)
                .requestMatchers(HttpMethod.GET, "/api/changes", "/api/changes/*", "/api/jobs", "/api/jobs/*")
                    .hasAnyRole(Role.ADMIN.name(), Role.APPROVER.name())
                .requestMatchers(HttpMethod.POST, "/api/changes/*/approve", "/api/changes/*/reject").hasRole(Role.APPROVER.name())
                .requestMatchers(HttpMethod.POST, "/api/changes", "/api/changes/*/run", "/api/changes/*/withdraw", "/api/jobs/*/cancel",
                        "/api/jobs/*/retry", "/api/jobs/*/skip", "/api/jobs/*/abort").hasRole(Role.ADMIN.name())
                // SPN scans, estate checks and local accounts through the API: the pages' rules
                .requestMatchers(HttpMethod.POST, "/api/inventory/scans", "/api/inventory/scans/*/cancel", "/api/health/check")
                    .hasAnyRole(Role.ADMIN.name(), Role.HELPDESK.name())
                .requestMatchers("/api/local-accounts", "/api/local-accounts/**").hasRole(Role.ADMIN.name())
                // webhooks: admins only, reading included (endpoints and payloads)
                .requestMatchers("/api/webhooks", "/api/webhooks/**").hasRole(Role.ADMIN.name())
                // the JSON API: same rules; its description is readable by every role
                .requestMatchers(HttpMethod.GET, "/api/**", "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html",
                        "/swagger-ui/**").hasAnyRole(ANY_ROLE)
                .requestMatchers(HttpMethod.POST, "/api/**").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.PUT, "/api/**").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.DELETE, "/api/**").hasRole(Role.ADMIN.name())
                // an address nothing serves: people with a role get the 404 page, not a misleading 403
                .requestMatchers(new UnmappedPaths(handlerMappings)).hasAnyRole(ANY_ROLE)
                .anyRequest().denyAll())
            // a request with Authorization: Bearer is authenticated by its token alone (never by a cookie), so it needs no CSRF token
            .csrf(csrf -> csrf.ignoringRequestMatchers(BearerTokenFilter.BEARER).csrfTokenRepository(new SessionOrCookieCsrfTokens()))
            // a visitor who is not signed in costs no session: the page to return to after sign-in waits in a cookie
            .requestCache(cache -> cache.requestCache(PagesToReturnTo.cache()))
            // the JSON API answers in problem details instead of redirecting to the sign-in page or rendering the 403 page;
            // CSRF protection stays on for it (docs/adr/0005-api-csrf.md): clients send X-CSRF-TOKEN from GET /api/csrf
            .exceptionHandling(exceptions -> exceptions
                .defaultAuthenticationEntryPointFor(ApiProblems.unauthorized(), ApiProblems.API)
                // with single sign-on: 401 Negotiate with the sign-in form as its body; otherwise a redirect to the form
                .defaultAuthenticationEntryPointFor(properties.directory().kerberos() ? new SpnegoEntryPoint("/login")
                        : new LoginUrlAuthenticationEntryPoint("/login"), AnyRequestMatcher.INSTANCE)
                .defaultAccessDeniedHandlerFor(ApiProblems.forbidden(), ApiProblems.API)
                .defaultAccessDeniedHandlerFor(new NoRoleAwareAccessDeniedHandler(), AnyRequestMatcher.INSTANCE))
            .authenticationManager(authenticationManager)
            .formLogin(form -> form.loginPage("/login").failureHandler(failureNotes).defaultSuccessUrl("/", false))
            .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                .invalidateHttpSession(true).deleteCookies("JSESSIONID"))
            .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
            .headers(headers -> headers
                // headers go out before the handler runs: a streamed (async) response such as an audit export is written
                // by another thread, and the filter must not set headers on the request thread while that thread commits
                .withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                })
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .frameOptions(frame -> frame.deny()))
            .addFilterBefore(new AbsoluteSessionTimeoutFilter(properties.sessionAbsoluteTimeout(), clock),
                SecurityContextHolderFilter.class)
            .addFilterBefore(new BearerTokenFilter(apiTokens, localAccounts, directoryAccounts),
                org.springframework.security.web.authentication.AnonymousAuthenticationFilter.class)
            .addFilterAfter(new PasswordChangeGate(), org.springframework.security.web.access.intercept.AuthorizationFilter.class)
            .addFilterAfter(new DirectoryAccountRecheck(directoryAccounts, properties.directory().recheckInterval(), clock),
                SecurityContextHolderFilter.class);
        if (properties.directory().kerberos()) {
            // browsers with a Kerberos ticket sign in without a prompt; the others get the form with the 401
            SpnegoAuthenticationProcessingFilter spnego = new SpnegoAuthenticationProcessingFilter();
            spnego.setAuthenticationManager(authenticationManager);
            spnego.setSecurityContextRepository(new HttpSessionSecurityContextRepository());
            spnego.setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
            http.addFilterBefore(spnego, BasicAuthenticationFilter.class);
        }
        return http.build();
    }

    @Bean
    AuthenticationManager authenticationManager(LocalAccountDetailsService localAccounts, PasswordEncoder passwordEncoder,
            LoginThrottle throttle, DirectoryAccounts directoryAccounts, IdentityProperties properties,
            ApplicationEventPublisher events) throws Exception {
        DaoAuthenticationProvider local = new DaoAuthenticationProvider(localAccounts);
        local.setPasswordEncoder(passwordEncoder);
        List<AuthenticationProvider> providers = new ArrayList<>();
        // local first: if it does not know the name, the directory's answer (e.g. "cannot reach the DC") is the one shown
        providers.add(new ThrottledAuthenticationProvider(List.of(local, new DirectoryPasswordAuthenticationProvider(directoryAccounts)),
                throttle, events));
        if (properties.directory().kerberos()) {
            SunJaasKerberosTicketValidator validator = new SunJaasKerberosTicketValidator();
            validator.setServicePrincipal(properties.directory().kerberosServicePrincipal());
            validator.setKeyTabLocation(new FileSystemResource(properties.directory().kerberosKeytab()));
            validator.setRefreshKrb5Config(true);
            validator.afterPropertiesSet();
            KerberosServiceAuthenticationProvider kerberos = new KerberosServiceAuthenticationProvider();
            kerberos.setTicketValidator(validator);
            kerberos.setUserDetailsService(new DirectoryUserDetailsService(directoryAccounts));
            kerberos.afterPropertiesSet();
            providers.add(kerberos);
        }
        ProviderManager manager = new ProviderManager(providers);
        manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
        return manager;
    }

    /**
     * No Micrometer observation around each security filter and authorization: with the Prometheus registry present,
     * Spring Security wraps every filter of every request in an observation, a sixth of a signed-in page's CPU in the
     * load benchmark (docs/performance.md) for metrics nobody reads. Request metrics stay (http.server.requests);
     * sign-ins and refusals are in the audit trail.
     */
    @Bean
    static org.springframework.security.config.observation.SecurityObservationSettings noSecurityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
