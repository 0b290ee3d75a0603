package com.asaconsole.webhooks;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import com.asaconsole.identity.SignedInUsers;
import com.asaconsole.input.ApiRefusal;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Webhook endpoints and their deliveries, for admins; a secret is taken once and never answered. */
@RestController
@RequestMapping(path = "/api/webhooks", produces = "application/json")
@Tag(name = "Webhooks", description = "Signed notifications of changes and jobs to other systems (admins)")
class WebhooksApi {

    /** An endpoint to register: an https:// URL, a secret of 16+ characters, the events it wants. */
    record Registration(String url, String secret, List<String> events) {
    }

    record EndpointView(long id, String url, List<String> events, String createdBy, Instant createdAt) {
    }

    /** A delivery: PENDING, RETRYING, DELIVERED or FAILED, with its attempts and the last answer. */
    record DeliveryView(String id, String event, WebhookDeliveries.Delivery.Status status, int attempts, Integer lastStatus, String lastError,
            Instant createdAt,
            Instant deliveredAt, String payload) {
    }

    private final WebhookDeliveries webhooks;

    WebhooksApi(WebhookDeliveries webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping
    @Operation(summary = "Registered endpoints")
    List<EndpointView> endpoints() {
        return webhooks.endpoints().stream().map(WebhooksApi::view).toList();
    }

    @PostMapping(consumes = "application/json")
    @Operation(summary = "Register an endpoint (events: change.submitted, change.approved, change.rejected, change.withdrawn, "
            + "job.started, job.paused, job.succeeded, job.aborted, drift.found)")
    @ApiResponse(responseCode = "201", description = "Registered; the Location header names it")
    ResponseEntity<EndpointView> register(@RequestBody Registration registration, Authentication authentication) {
        WebhookDeliveries.Endpoint endpoint = webhooks.register(registration.url(), registration.secret(), registration.events(),
                SignedInUsers.of(authentication));
        return ResponseEntity.created(URI.create("/api/webhooks/" + endpoint.id())).body(view(endpoint));
    }

    @GetMapping("/{id}/deliveries")
    @Operation(summary = "An endpoint's 100 most recent deliveries, with attempts and the last answer")
    List<DeliveryView> deliveries(@PathVariable long id) {
        webhooks.endpoint(id).orElseThrow(() -> ApiRefusal.notFound("There is no webhook endpoint " + id + "."));
        return webhooks.deliveries(id, 100).stream().map(d -> new DeliveryView(d.id(), d.event(), d.status(), d.attempts(),
                d.lastStatus(), d.lastError(), d.createdAt(), d.deliveredAt(), d.payload())).toList();
    }

    @PostMapping("/deliveries/{id}/replay")
    @Operation(summary = "Send a delivered or failed delivery again (same id and payload, a fresh signature)")
    @ApiResponse(responseCode = "202", description = "Queued")
    ResponseEntity<Void> replay(@PathVariable String id, Authentication authentication) {
        webhooks.delivery(id).orElseThrow(() -> ApiRefusal.notFound("There is no delivery " + id + "."));
        webhooks.replay(id, SignedInUsers.of(authentication));
        return ResponseEntity.accepted().build();
    }

    @ExceptionHandler(WebhookDeliveries.Refused.class)
    ProblemDetail refused(WebhookDeliveries.Refused refused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(refused.field == null ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST,
                refused.getMessage());
        problem.setTitle(refused.field == null ? "Refused; nothing was changed" : "Invalid input; nothing was saved");
        if (refused.field != null) {
            problem.setProperty("errors", List.of(new java.util.LinkedHashMap<>(java.util.Map.of("field", refused.field,
                    "message", refused.getMessage()))));
        }
        return problem;
    }

    private static EndpointView view(WebhookDeliveries.Endpoint e) {
        return new EndpointView(e.id(), e.url(), e.events(), e.createdBy(), e.createdAt());
    }
}
