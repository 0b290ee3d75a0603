package com.asaconsole.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The estate checks ({@code asa.health.*}).
 *
 * @param interval time between the end of one scheduled round and the start of the next
 * @param logonWindow the window of the logon counts per member (event 4624); defaults to the interval
 * @param rollTolerance how much older than the ASA's password a member's Latest credential may be: a
 *     roll pushes to every member before it resets AD, so Latest is always a little older; a member
 *     that missed a roll holds one from a whole rotation earlier
 * @param memberConcurrency members read at once in a round
 */
@ConfigurationProperties("asa.health")
record HealthProperties(@DefaultValue("15m") Duration interval, Duration logonWindow, @DefaultValue("1d") Duration rollTolerance,
        @DefaultValue("8") int memberConcurrency) {

    Duration logons() {
        return logonWindow == null ? interval : logonWindow;
    }
}
