package com.asaconsole.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI document of the JSON API (/v3/api-docs, Swagger UI): its title, version and how to authenticate (an
 * API token as bearer, or the session with its CSRF header), and on every operation the refusals it can answer as
 * problem details. {@code OpenApiDocumentTest} fails when an API handler is missing or lacks its error responses.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    static final String PROBLEM = "Problem";
    static final String BEARER = "apiToken";
    static final String SESSION = "session";
    static final String CSRF = "csrfHeader";

    @Bean
    OpenAPI consoleApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info().title("ASA Console API").version(properties == null ? "development build" : properties.getVersion())
                        .description("""
                                Everything a person does in ASA Console, for scripts and ITSM tools: the topology and plans, \
                                four-eyes changes (submit, approve or reject by content hash, withdraw, run), jobs (state per step \
                                and member, cancel, retry, skip, abort), forest-wide SPN scans (start, progress, duplicates, CSV \
                                export), the estate checks (verdicts with evidence, a round on demand), local accounts (admins), \
                                webhooks, the audit trail and SPN status. The same roles and four-eyes rules apply as on the pages.

                                Authenticate with a personal API token (create one under API tokens, then Authorize → apiToken; \
                                no CSRF token needed), or with the browser session: then every POST, PUT and DELETE needs the \
                                X-CSRF-TOKEN header from GET /api/csrf (Authorize → csrfHeader). Refusals are RFC 9457 problem \
                                details with a sentence in detail; nothing was changed when one is answered."""))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("asa_…").description("A personal API token: Authorization: Bearer asa_…"))
                        .addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.COOKIE)
                                .name("JSESSIONID").description("The session of a signed-in person (sign in through /login)"))
                        .addSecuritySchemes(CSRF, new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                                .name("X-CSRF-TOKEN").description("With the session only: the token GET /api/csrf answers"))
                        .addSchemas(PROBLEM, problemSchema()))
                .security(List.of(new SecurityRequirement().addList(BEARER),
                        new SecurityRequirement().addList(SESSION).addList(CSRF)));
    }

    /** Adds to every operation the refusals it can answer, unless the operation documents them itself. */
    @Bean
    OpenApiCustomizer errorResponses() {
        return api -> {
            // springdoc builds the components from the handlers; the problem schema is added where the responses point
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            addErrors(api);
        };
    }

    private static void addErrors(OpenAPI api) {
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            boolean write = method != PathItem.HttpMethod.GET;
            boolean hasInput = operation.getRequestBody() != null || (operation.getParameters() != null && !operation.getParameters().isEmpty());
            if (hasInput) {
                add(responses, "400", "Invalid input: a sentence per field in errors; nothing was changed.");
            }
            add(responses, "401", "No API token or session, or the token is unknown, revoked or expired.");
            add(responses, "403", write ? "Your role (or your token's role) may not do this, or the session's CSRF header is missing."
                    : "Your role (or your token's role) may not read this.");
            if (path.contains("{")) {
                add(responses, "404", "There is no such item.");
            }
            if (write) {
                add(responses, "409", "Refused by the rules (four-eyes, state, a change made meanwhile); the detail says why.");
            }
            add(responses, "503", "The database, directory or audit trail is not available; nothing was changed.");
            // a handler that answers 201, 202 or 204 says so; the generic 200 would be wrong beside it
            if (responses.keySet().stream().anyMatch(code -> code.startsWith("2") && !code.equals("200"))
                    && responses.get("200") != null && "OK".equals(responses.get("200").getDescription())) {
                responses.remove("200");
            }
            operation.setResponses(responses);
        }));
    }

    private static void add(ApiResponses responses, String code, String description) {
        if (!responses.containsKey(code)) {
            responses.addApiResponse(code, new ApiResponse().description(description).content(new Content().addMediaType(
                    "application/problem+json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static Schema problemSchema() {
        Map<String, Schema> field = new LinkedHashMap<>();
        field.put("field", new StringSchema().description("The field the sentence is about; null for the whole request").nullable(true));
        field.put("message", new StringSchema());
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema().description("A URI naming the kind of problem, e.g. urn:asa-console:problem:change-refused"));
        properties.put("title", new StringSchema());
        properties.put("status", new IntegerSchema());
        properties.put("detail", new StringSchema().description("A sentence an admin can act on"));
        properties.put("instance", new StringSchema());
        properties.put("errors", new ArraySchema().items(new ObjectSchema().properties(field)).description("For invalid input"));
        return new ObjectSchema().description("RFC 9457 problem details").properties(properties).required(List.of("title", "status"));
    }
}
