package com.asaconsole.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.asaconsole.ConsoleTest;
import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The OpenAPI document as a tool generating a client reads it: a real title and version, the bearer token and the
 * session with its CSRF header as ways in, and every /api handler the console serves documented with a success
 * response and its refusals as problem details (401 and 403 always, 404 where the path names an item, 400 where
 * there is input, 409 for writes).
 */
@ConsoleTest
@AutoConfigureMockMvc
class OpenApiDocumentTest {

    @Autowired MockMvc mvc;
    @Autowired List<RequestMappingInfoHandlerMapping> mappings;

    @Test
    void everyApiHandlerIsDocumentedWithItsErrorResponses() throws Exception {
        String doc = mvc.perform(get("/v3/api-docs").with(user("hal").roles("HELPDESK"))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat((String) JsonPath.read(doc, "$.info.title")).isEqualTo("ASA Console API");
        assertThat((String) JsonPath.read(doc, "$.info.version")).isNotBlank().isNotEqualTo("v0");
        assertThat((String) JsonPath.read(doc, "$.info.description")).contains("API token").contains("X-CSRF-TOKEN");
        assertThat((String) JsonPath.read(doc, "$.components.securitySchemes.apiToken.scheme")).isEqualTo("bearer");
        assertThat((String) JsonPath.read(doc, "$.components.securitySchemes.csrfHeader.name")).isEqualTo("X-CSRF-TOKEN");
        assertThat((List<?>) JsonPath.read(doc, "$.security")).hasSize(2);
        assertThat((Map<String, Object>) JsonPath.read(doc, "$.components.schemas.Problem.properties")).containsKeys("title", "status", "detail");

        Map<String, Map<String, Object>> paths = JsonPath.read(doc, "$.paths");
        List<String> missing = new ArrayList<>();
        Set<String> checked = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : mappings) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                for (String pattern : info.getPatternValues()) {
                    if (!pattern.startsWith("/api/")) {
                        continue;
                    }
                    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                    for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        String name = method.name() + " " + pattern;
                        checked.add(name);
                        Map<String, Object> item = paths.get(pattern);
                        Object operation = item == null ? null : item.get(method.name().toLowerCase(Locale.ROOT));
                        if (!(operation instanceof Map<?, ?> op)) {
                            missing.add(name + ": not in the document");
                            continue;
                        }
                        Map<String, Object> responses = (Map<String, Object>) op.get("responses");
                        if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
                            missing.add(name + ": no success response");
                        }
                        List<String> errors = new ArrayList<>(List.of("401", "403"));
                        if (pattern.contains("{")) {
                            errors.add("404");
                        }
                        if (method != RequestMethod.GET) {
                            errors.add("409");
                        }
                        if (op.get("requestBody") != null) {
                            errors.add("400");
                        }
                        for (String code : errors) {
                            Object response = responses.get(code);
                            if (!(response instanceof Map<?, ?> r) || !String.valueOf(r.get("content")).contains("application/problem+json")
                                    || !String.valueOf(r.get("content")).contains("#/components/schemas/Problem")) {
                                missing.add(name + ": no " + code + " problem response");
                            }
                        }
                    }
                }
            }
        }
        assertThat(checked).as("the API handlers").contains("POST /api/changes", "POST /api/changes/{id}/approve", "GET /api/jobs/{id}",
                "POST /api/jobs/{id}/abort", "GET /api/topology/forests", "GET /api/audit", "POST /api/inventory/scans",
                "GET /api/inventory/scans/{id}", "POST /api/inventory/scans/{id}/cancel", "GET /api/inventory/scans/{id}/inventory.csv",
                "GET /api/health", "POST /api/health/check", "GET /api/local-accounts", "POST /api/local-accounts",
                "POST /api/local-accounts/{username}/disable", "POST /api/local-accounts/{username}/reset-password");
        assertThat(missing).isEmpty();

        // what a created item answers is documented as such, not as the generic 200
        assertThat((Map<String, Object>) JsonPath.read(doc, "$.paths['/api/changes'].post.responses")).containsKey("201").doesNotContainKey("200");
        assertThat((Map<String, Object>) JsonPath.read(doc, "$.paths['/api/changes/{id}/run'].post.responses")).containsKey("202");
        assertThat((Map<String, Object>) JsonPath.read(doc, "$.paths['/api/topology/forests'].post.responses")).containsKey("201");
        assertThat((Map<String, Object>) JsonPath.read(doc, "$.paths['/api/topology/forests/{id}'].delete.responses")).containsKey("204");
        assertThat((Map<String, Object>) JsonPath.read(doc, "$.paths['/api/plans'].post.responses")).containsKeys("200", "201");
        assertThat((Map<String, Object>) JsonPath.read(doc, "$.paths['/api/inventory/scans'].post.responses")).containsKey("202")
                .doesNotContainKey("200");
        assertThat((Map<String, Object>) JsonPath.read(doc, "$.paths['/api/health/check'].post.responses")).containsKey("202");
        assertThat((Map<String, Object>) JsonPath.read(doc, "$.paths['/api/local-accounts'].post.responses")).containsKey("201");
        assertThat((String) JsonPath.read(doc, "$.info.description")).contains("SPN scans").contains("estate checks").contains("local accounts");
    }
}
