package com.asaconsole.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.asaconsole.ConsoleTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every handler the console serves, for every role and for a stranger, against the access the
 * table below expects. A new endpoint that is not in the table fails the build, so nothing
 * reaches production unprotected by accident.
 */
@ConsoleTest
@AutoConfigureMockMvc
class AuthorizationMatrixTest {

    /** Who asks: nobody signed in, a signed-in user without a console role, and each role. */
    enum Who { ANONYMOUS, NO_ROLE, ADMIN, APPROVER, HELPDESK }

    private static final Set<Who> EVERYONE = EnumSet.allOf(Who.class);
    private static final Set<Who> ANY_ROLE = EnumSet.of(Who.ADMIN, Who.APPROVER, Who.HELPDESK);
    private static final Set<Who> ADMIN = EnumSet.of(Who.ADMIN);

    /** "METHOD pattern" → who may use it. Patterns exactly as the handler mappings declare them. */
    private static final Map<String, Set<Who>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("GET /login", EVERYONE);
        EXPECTED.put("GET /error", EVERYONE);
        EXPECTED.put("GET /", ANY_ROLE);
        EXPECTED.put("GET /about", ANY_ROLE);
        EXPECTED.put("GET /admin/local-accounts", ADMIN);
        EXPECTED.put("GET /admin/directory", ADMIN);
        EXPECTED.put("POST /admin/local-accounts/{username}/disable", ADMIN);
        EXPECTED.put("POST /admin/local-accounts/{username}/enable", ADMIN);
        EXPECTED.put("POST /admin/local-accounts/{username}/reset", ADMIN);
        EXPECTED.put("POST /admin/local-accounts", ADMIN);
        EXPECTED.put("GET /admin/webhooks", ADMIN);
        EXPECTED.put("POST /admin/webhooks", ADMIN);
        EXPECTED.put("GET /admin/webhooks/{id}/edit", ADMIN);
        EXPECTED.put("POST /admin/webhooks/{id}", ADMIN);
        EXPECTED.put("POST /admin/webhooks/{id}/delete", ADMIN);
        EXPECTED.put("POST /admin/webhooks/deliveries/{id}/replay", ADMIN);
        EXPECTED.put("GET /account/password", ANY_ROLE);
        EXPECTED.put("POST /account/password", ANY_ROLE);
        EXPECTED.put("GET /no-access", EnumSet.of(Who.NO_ROLE, Who.ADMIN, Who.APPROVER, Who.HELPDESK));
        EXPECTED.put("GET /admin/directory/{forest}", ADMIN);
        EXPECTED.put("POST /admin/directory", ADMIN);
        EXPECTED.put("POST /admin/directory/{forest}/test", ADMIN);
        EXPECTED.put("GET /spn-status", ANY_ROLE);
        EXPECTED.put("GET /health", ANY_ROLE);
        EXPECTED.put("POST /health/check", EnumSet.of(Who.ADMIN, Who.HELPDESK));
        EXPECTED.put("POST /health/fixes", EnumSet.of(Who.ADMIN));
        EXPECTED.put("GET /rotation", EnumSet.of(Who.ADMIN, Who.APPROVER));
        EXPECTED.put("POST /rotation", ADMIN);
        EXPECTED.put("POST /rotation/{id}/approve", EnumSet.of(Who.APPROVER));
        EXPECTED.put("POST /rotation/{id}/revoke", EnumSet.of(Who.APPROVER));
        EXPECTED.put("GET /changes", EnumSet.of(Who.ADMIN, Who.APPROVER));
        EXPECTED.put("GET /changes/{id}", EnumSet.of(Who.ADMIN, Who.APPROVER));
        EXPECTED.put("POST /changes", ADMIN);
        EXPECTED.put("POST /changes/{id}/approve", EnumSet.of(Who.APPROVER));
        EXPECTED.put("POST /changes/{id}/reject", EnumSet.of(Who.APPROVER));
        EXPECTED.put("GET /changes/{id}/story", EnumSet.of(Who.ADMIN, Who.APPROVER));
        EXPECTED.put("POST /changes/{id}/run", ADMIN);
        EXPECTED.put("POST /changes/{id}/withdraw", ADMIN);
        EXPECTED.put("GET /changes/{id}/document", EnumSet.of(Who.ADMIN, Who.APPROVER));
        EXPECTED.put("GET /jobs", EnumSet.of(Who.ADMIN, Who.APPROVER));
        EXPECTED.put("GET /jobs/{id}", EnumSet.of(Who.ADMIN, Who.APPROVER));
        EXPECTED.put("GET /jobs/{id}/progress", EnumSet.of(Who.ADMIN, Who.APPROVER));
        EXPECTED.put("POST /jobs/{id}/cancel", ADMIN);
        EXPECTED.put("POST /jobs/{id}/retry", ADMIN);
        EXPECTED.put("POST /jobs/{id}/skip", ADMIN);
        EXPECTED.put("POST /jobs/{id}/abort", ADMIN);
        EXPECTED.put("GET /topology/discover", ADMIN);
        EXPECTED.put("POST /topology/discover", ADMIN);
        EXPECTED.put("GET /topology/discover/exchange", ADMIN);
        EXPECTED.put("POST /topology/discover/exchange", ADMIN);
        EXPECTED.put("GET /topology/discover/exchange/{id}", ADMIN);
        EXPECTED.put("POST /topology/discover/exchange/{id}", ADMIN);
        EXPECTED.put("GET /inventory", ANY_ROLE);
        EXPECTED.put("GET /inventory/scans/{id}", ANY_ROLE);
        EXPECTED.put("GET /inventory/scans/{id}/inventory.csv", ANY_ROLE);
        EXPECTED.put("POST /inventory/scans", EnumSet.of(Who.ADMIN, Who.HELPDESK));
        EXPECTED.put("POST /inventory/scans/{id}/cancel", EnumSet.of(Who.ADMIN, Who.HELPDESK));
        EXPECTED.put("GET /api/spn-status", ANY_ROLE);
        EXPECTED.put("GET /actuator", ADMIN);
        EXPECTED.put("GET /actuator/health", EVERYONE);
        EXPECTED.put("GET /actuator/health/**", EVERYONE);
        EXPECTED.put("GET /actuator/info", ADMIN);
        // a scrape token (ApiTokensTest, MetricsTest) or an admin
        EXPECTED.put("GET /actuator/prometheus", ADMIN);
        // everyone with a role keeps their own API tokens; admins see and revoke all
        EXPECTED.put("GET /account/api-tokens", ANY_ROLE);
        EXPECTED.put("POST /account/api-tokens", ANY_ROLE);
        EXPECTED.put("POST /account/api-tokens/{id}/revoke", ANY_ROLE);
        EXPECTED.put("GET /admin/api-tokens", ADMIN);
        EXPECTED.put("POST /admin/api-tokens/{id}/revoke", ADMIN);

        // topology: every role reads; admins open forms and write
        EXPECTED.put("GET /topology", ANY_ROLE);
        for (String kind : List.of("forests", "sites", "asa-accounts", "servers", "cas-arrays", "namespaces")) {
            String base = "/topology/" + kind;
            EXPECTED.put("GET " + base, ANY_ROLE);
            EXPECTED.put("GET " + base + "/new", ADMIN);
            EXPECTED.put("GET " + base + "/{id}/edit", ADMIN);
            EXPECTED.put("POST " + base, ADMIN);
            EXPECTED.put("POST " + base + "/{id}", ADMIN);
            EXPECTED.put("POST " + base + "/{id}/delete", ADMIN);
        }
        for (String kind : List.of("servers", "namespaces")) {
            EXPECTED.put("GET /topology/" + kind + "/import", ADMIN);
            EXPECTED.put("POST /topology/" + kind + "/import", ADMIN);
        }

        // plans: every role reads versions, the wizard preview and the exports; admins store versions
        EXPECTED.put("GET /plans", ANY_ROLE);
        EXPECTED.put("POST /plans", ADMIN);
        EXPECTED.put("GET /plans/{number}", ANY_ROLE);
        EXPECTED.put("GET /plans/{number}/wizard/{step}", ANY_ROLE);
        EXPECTED.put("GET /plans/{number}/change-document", ANY_ROLE);
        EXPECTED.put("GET /plans/{number}/script-{generation}.ps1", ANY_ROLE);

        // the JSON API: the same rules as the pages
        EXPECTED.put("GET /api/csrf", ANY_ROLE);
        for (String kind : List.of("forests", "sites", "asa-accounts", "servers", "cas-arrays", "namespaces")) {
            String base = "/api/topology/" + kind;
            EXPECTED.put("GET " + base, ANY_ROLE);
            EXPECTED.put("GET " + base + "/{id}", ANY_ROLE);
            EXPECTED.put("POST " + base, ADMIN);
            EXPECTED.put("PUT " + base + "/{id}", ADMIN);
            EXPECTED.put("DELETE " + base + "/{id}", ADMIN);
        }
        EXPECTED.put("GET /api/plans", ANY_ROLE);
        EXPECTED.put("GET /api/plans/current", ANY_ROLE);
        EXPECTED.put("GET /api/plans/{number}", ANY_ROLE);
        EXPECTED.put("POST /api/plans", ADMIN);
        // changes and jobs: the pages' rules
        Set<Who> changeReaders = EnumSet.of(Who.ADMIN, Who.APPROVER);
        EXPECTED.put("GET /api/changes", changeReaders);
        EXPECTED.put("GET /api/changes/{id}", changeReaders);
        EXPECTED.put("POST /api/changes", ADMIN);
        EXPECTED.put("POST /api/changes/{id}/approve", EnumSet.of(Who.APPROVER));
        EXPECTED.put("POST /api/changes/{id}/reject", EnumSet.of(Who.APPROVER));
        EXPECTED.put("POST /api/changes/{id}/withdraw", ADMIN);
        EXPECTED.put("POST /api/changes/{id}/run", ADMIN);
        EXPECTED.put("GET /api/webhooks", ADMIN);
        EXPECTED.put("POST /api/webhooks", ADMIN);
        EXPECTED.put("GET /api/webhooks/{id}/deliveries", ADMIN);
        EXPECTED.put("POST /api/webhooks/deliveries/{id}/replay", ADMIN);
        Set<Who> scanners = EnumSet.of(Who.ADMIN, Who.HELPDESK);
        EXPECTED.put("GET /api/inventory", ANY_ROLE);
        EXPECTED.put("POST /api/inventory/scans", scanners);
        EXPECTED.put("GET /api/inventory/scans/{id}", ANY_ROLE);
        EXPECTED.put("POST /api/inventory/scans/{id}/cancel", scanners);
        EXPECTED.put("GET /api/inventory/scans/{id}/inventory.csv", ANY_ROLE);
        EXPECTED.put("GET /api/health", ANY_ROLE);
        EXPECTED.put("GET /api/health/rounds", ANY_ROLE);
        EXPECTED.put("POST /api/health/check", scanners);
        EXPECTED.put("GET /api/local-accounts", ADMIN);
        EXPECTED.put("POST /api/local-accounts", ADMIN);
        for (String command : List.of("disable", "enable", "reset-password")) {
            EXPECTED.put("POST /api/local-accounts/{username}/" + command, ADMIN);
        }
        EXPECTED.put("GET /api/jobs", changeReaders);
        EXPECTED.put("GET /api/jobs/{id}", changeReaders);
        for (String command : List.of("cancel", "retry", "skip", "abort")) {
            EXPECTED.put("POST /api/jobs/{id}/" + command, ADMIN);
        }
        // the audit trail: reviewers and admins read, verify and export; helpdesk does not
        Set<Who> reviewers = EnumSet.of(Who.ADMIN, Who.APPROVER);
        for (String path : List.of("/audit", "/audit/verify", "/audit/export.csv", "/audit/export.json", "/api/audit",
                "/api/audit/verify")) {
            EXPECTED.put("GET " + path, reviewers);
        }
        EXPECTED.put("GET /v3/api-docs", ANY_ROLE);
        EXPECTED.put("GET /v3/api-docs.yaml", ANY_ROLE);
        EXPECTED.put("GET /v3/api-docs/swagger-config", ANY_ROLE);
        EXPECTED.put("GET /swagger-ui.html", ANY_ROLE);
    }

    /** A concrete path for a pattern, where the pattern alone can't be requested. */
    private static final Map<String, String> SAMPLE_PATHS = Map.of("/actuator/health/**", "/actuator/health/liveness");

    @Autowired
    MockMvc mvc;

    @Autowired
    List<RequestMappingInfoHandlerMapping> mappings;

    @Test
    void everyHandlerIsInTheMatrix() {
        Set<String> served = servedEndpoints();
        assertThat(served).as("endpoints the console serves").isNotEmpty();
        assertThat(new TreeSet<>(EXPECTED.keySet()))
                .as("Each endpoint needs an entry in AuthorizationMatrixTest.EXPECTED (and a rule in SecurityConfiguration)")
                .containsAll(served);
        assertThat(served).as("entries in the matrix that no handler serves any more").containsAll(EXPECTED.keySet());
    }

    @Test
    void everyoneGetsExactlyTheAccessTheMatrixGrants() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String endpoint : servedEndpoints()) {
            Set<Who> allowed = EXPECTED.getOrDefault(endpoint, Set.of());
            for (Who who : Who.values()) {
                MvcResult result = call(endpoint, who);
                MockHttpServletResponse response = result.getResponse();
                boolean granted = granted(result);
                if (granted != allowed.contains(who)) {
                    wrong.add(endpoint + " as " + who + ": status " + response.getStatus()
                            + (granted ? " (granted, expected refused)" : " (refused, expected granted)"));
                }
                if (!granted && who == Who.NO_ROLE && response.getStatus() == 302) {
                    assertThat(response.getRedirectedUrl()).as(endpoint + " as " + who).endsWith("/no-access");
                } else if (!granted && who != Who.ANONYMOUS) {
                    assertThat(response.getStatus()).as(endpoint + " as " + who).isEqualTo(403);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void pathsWithoutAHandlerAreNotFoundForPeopleWithARoleAndOpenNothing() throws Exception {
        assertThat(call("GET /no-such-page", Who.ANONYMOUS).getResponse().getRedirectedUrl()).endsWith("/login");
        assertThat(call("GET /no-such-page", Who.NO_ROLE).getResponse().getRedirectedUrl()).endsWith("/no-access");
        for (Who who : List.of(Who.HELPDESK, Who.APPROVER, Who.ADMIN)) {
            MvcResult result = call("GET /no-such-page", who);
            assertThat(result.getResponse().getStatus()).as(who.name()).isEqualTo(404);
            assertThat(granted(result)).as("no handler ran for " + who).isFalse();
        }
        // a served path with another method, or a path only another role may use, stays refused
        assertThat(call("POST /", Who.ADMIN).getResponse().getStatus()).isIn(403, 405);
        assertThat(call("GET /admin/local-accounts", Who.HELPDESK).getResponse().getStatus()).isEqualTo(403);
        assertThat(call("GET /admin/no-such-page", Who.HELPDESK).getResponse().getStatus()).isEqualTo(403);
    }

    private MvcResult call(String endpoint, Who who) throws Exception {
        String[] parts = endpoint.split(" ", 2);
        HttpMethod method = HttpMethod.valueOf(parts[0]);
        String path = SAMPLE_PATHS.getOrDefault(parts[1], parts[1]).replaceAll("\\{[^}]+}", "1");
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(method, path);
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            request.with(csrf());
            if (path.startsWith("/api/")) {
                // a JSON body, so that the request is routed to its handler (which may then refuse the content)
                request.contentType(org.springframework.http.MediaType.APPLICATION_JSON).content("{}");
            }
        }
        switch (who) {
            case ANONYMOUS -> { }
            case NO_ROLE -> request.with(user("someone").authorities(List.of()));
            default -> request.with(user("someone-" + who.name().toLowerCase()).roles(who.name()));
        }
        return mvc.perform(request).andReturn();
    }

    /** Granted means the request got past security to its handler (which may still answer 404 or 409). */
    private static boolean granted(MvcResult result) {
        return result.getHandler() != null;
    }

    private Set<String> servedEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : mappings) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (methods.isEmpty()) {
                        endpoints.add("GET " + pattern);
                    } else {
                        methods.forEach(m -> endpoints.add(m.name() + " " + pattern));
                    }
                }
            }
        }
        return endpoints;
    }
}
