package com.asaconsole.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Who gets which event: each event has a default role, a configured event replaces only its own default. */
class NotifyPropertiesTest {

    static final Map<String, List<String>> RECIPIENTS = Map.of("ADMIN", List.of("admins@contoso.test", "ops@contoso.test"),
            "APPROVER", List.of("cab@contoso.test", "ops@contoso.test"), "HELPDESK", List.of("helpdesk@contoso.test"));

    @Test
    void everyEventGoesToItsDefaultRoleUnlessConfigured() {
        NotifyProperties defaults = new NotifyProperties("from@contoso.test", "https://asa", RECIPIENTS, null);
        assertThat(defaults.addressesFor(NotifyProperties.DRIFT_FOUND)).containsExactly("admins@contoso.test", "ops@contoso.test");
        assertThat(defaults.addressesFor(NotifyProperties.CHANGE_SUBMITTED)).containsExactly("cab@contoso.test", "ops@contoso.test");
        assertThat(defaults.addressesFor(NotifyProperties.JOB_PAUSED)).containsExactly("admins@contoso.test", "ops@contoso.test");
        assertThat(defaults.addressesFor(NotifyProperties.ROLL_DUE)).containsExactly("admins@contoso.test", "ops@contoso.test");
        assertThat(defaults.addressesFor(NotifyProperties.ROLL_FAILED)).containsExactly("admins@contoso.test", "ops@contoso.test");

        NotifyProperties configured = new NotifyProperties("from@contoso.test", "https://asa", RECIPIENTS,
                Map.of(NotifyProperties.ROLL_FAILED, List.of("admin", "APPROVER", "HELPDESK"), NotifyProperties.JOB_PAUSED, List.of()));
        assertThat(configured.addressesFor(NotifyProperties.ROLL_FAILED)).as("roles in any case, each address once")
                .containsExactly("admins@contoso.test", "ops@contoso.test", "cab@contoso.test", "helpdesk@contoso.test");
        assertThat(configured.addressesFor(NotifyProperties.JOB_PAUSED)).as("configured with no roles: not sent").isEmpty();
        assertThat(configured.addressesFor(NotifyProperties.CHANGE_SUBMITTED)).as("others keep their default")
                .containsExactly("cab@contoso.test", "ops@contoso.test");
    }
}
