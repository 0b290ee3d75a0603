package com.asaconsole.rotation;

import java.time.Instant;

/**
 * A roll that comes due soon and, as things stand, would not run through: seen before the due time
 * (a member failing in the last health round). Published once per new reason, not every look.
 */
public record RollDue(long policyId, String asa, Instant due, String reason) {
}
