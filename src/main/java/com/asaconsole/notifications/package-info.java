/**
 * E-mail to the people concerned when something needs them (ADR 28): drift found by the estate
 * checks, a change awaiting review, a paused job, a failed scheduled roll. Messages carry names, verdict sentences
 * and links, never a secret.
 */
@ApplicationModule(displayName = "Notifications", allowedDependencies = { "health", "deployment", "rotation" })
package com.asaconsole.notifications;

import org.springframework.modulith.ApplicationModule;
