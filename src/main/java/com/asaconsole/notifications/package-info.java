/**
 * E-mail to the people concerned when something needs them (ADR 28): today drift found by the estate
 * checks; change, job and roll events follow the same path. Messages carry names, verdict sentences
 * and links, never a secret.
 */
@ApplicationModule(displayName = "Notifications", allowedDependencies = { "health" })
package com.asaconsole.notifications;

import org.springframework.modulith.ApplicationModule;
