package com.asaconsole.notifications;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * E-mail notifications ({@code asa.notify.*}); mail itself goes through Spring Boot's {@code spring.mail.*}.
 *
 * @param from the sender address
 * @param consoleUrl the console's address as people reach it, for links in messages (e.g. https://asa.contoso.com)
 * @param recipients addresses per role (ADMIN, APPROVER, HELPDESK)
 * @param events per event, the roles told: {@code drift-found} (default ADMIN), {@code change-submitted} (APPROVER),
 *     {@code job-paused} (ADMIN), {@code roll-due} (ADMIN), {@code roll-failed} (ADMIN); an event configured with no roles is not sent
 */
@ConfigurationProperties("asa.notify")
record NotifyProperties(@DefaultValue("asa-console@localhost") String from, @DefaultValue("http://localhost:8080") String consoleUrl,
        Map<String, List<String>> recipients, Map<String, List<String>> events) {

    static final String DRIFT_FOUND = "drift-found";
    static final String CHANGE_SUBMITTED = "change-submitted";
    static final String JOB_PAUSED = "job-paused";
    static final String ROLL_FAILED = "roll-failed";
    static final String ROLL_DUE = "roll-due";

    static final Map<String, List<String>> DEFAULTS = Map.of(DRIFT_FOUND, List.of("ADMIN"), CHANGE_SUBMITTED, List.of("APPROVER"),
            JOB_PAUSED, List.of("ADMIN"), ROLL_FAILED, List.of("ADMIN"), ROLL_DUE, List.of("ADMIN"));

    NotifyProperties {
        recipients = recipients == null ? Map.of() : Map.copyOf(recipients);
        // configured events replace their defaults; the others keep them
        Map<String, List<String>> merged = new java.util.HashMap<>(DEFAULTS);
        if (events != null) {
            merged.putAll(events);
        }
        events = Map.copyOf(merged);
    }

    /** The addresses of everyone an event goes to, without repeats. */
    List<String> addressesFor(String event) {
        return events.getOrDefault(event, List.of()).stream()
                .flatMap(role -> recipients.getOrDefault(role.toUpperCase(java.util.Locale.ROOT), List.of()).stream())
                .filter(a -> a != null && !a.isBlank()).distinct().toList();
    }
}
