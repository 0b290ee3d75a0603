package com.asaconsole.planning;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Plan versions under {@code asa.planning}.
 *
 * @param viewRecheck a stored version's pages reuse the version as last read and checked for this long; after it the
 *        stored text is read and its SHA-256 compared again (submitting and running a change always check afresh)
 */
@ConfigurationProperties("asa.planning")
record PlanningProperties(@DefaultValue("15s") Duration viewRecheck) {
}
