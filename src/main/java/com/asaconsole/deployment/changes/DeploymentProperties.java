package com.asaconsole.deployment.changes;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Changes under {@code asa.deployment}.
 *
 * @param approvalValidity how long an approval lets a change run; after it, the change needs a new review
 */
@ConfigurationProperties("asa.deployment")
public record DeploymentProperties(@DefaultValue("72h") Duration approvalValidity) {
}
