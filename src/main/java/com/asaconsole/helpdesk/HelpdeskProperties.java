package com.asaconsole.helpdesk;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The helpdesk's SPN status under {@code asa.helpdesk}.
 *
 * @param statusReuse how long an answer is reused for the same question (the page says when it was checked; "Check
 *        again" asks anew)
 */
@ConfigurationProperties("asa.helpdesk")
record HelpdeskProperties(@DefaultValue("30s") Duration statusReuse) {
}
