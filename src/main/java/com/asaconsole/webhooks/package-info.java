/**
 * Signed webhooks: admins register HTTPS endpoints with a secret and the events they want; each deployment activity
 * and each drift the estate checks find becomes a recorded delivery, signed with HMAC-SHA256, retried with backoff
 * through the persistent scheduler, and replayable.
 */
@ApplicationModule(displayName = "Webhooks", allowedDependencies = { "deployment", "secrets", "identity", "audit", "input", "health" })
package com.asaconsole.webhooks;

import org.springframework.modulith.ApplicationModule;
