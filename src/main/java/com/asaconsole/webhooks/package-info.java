/**
 * Signed webhooks: admins register HTTPS endpoints with a secret and the events they want; each deployment activity
 * becomes a recorded delivery, signed with HMAC-SHA256, retried with backoff through the persistent scheduler, and
 * replayable.
 */
@ApplicationModule(displayName = "Webhooks", allowedDependencies = { "deployment", "secrets", "identity", "audit" })
package com.asaconsole.webhooks;

import org.springframework.modulith.ApplicationModule;
