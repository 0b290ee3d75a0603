package com.asaconsole.rotation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rotation ({@code asa.rotation.*}).
 *
 * @param checkInterval how often one node looks for due rolls (reading each policy's ASA in AD once)
 */
@ConfigurationProperties("asa.rotation")
record RotationProperties(@DefaultValue("1h") Duration checkInterval) {
}
