package com.asaconsole.webhooks;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhook deliveries are made.
 *
 * @param trustStore PKCS12 file of the CAs the receivers' certificates must chain to; unset: the JDK's default CAs
 * @param retryBackoff the wait after the first failed attempt; it doubles after each further one
 * @param attempts attempts before a delivery is given up as FAILED (it can still be replayed)
 * @param timeout connection and answer time allowed per attempt
 */
@ConfigurationProperties("asa.webhooks")
record WebhookProperties(Path trustStore, String trustStorePassword, @DefaultValue("30s") Duration retryBackoff,
        @DefaultValue("8") int attempts, @DefaultValue("10s") Duration timeout) {
}
