/**
 * The helpdesk's read-only answers to "why does Kerberos fail for this SPN?": where an SPN is
 * registered, duplicates, the owning account's encryption types and key version, and whether
 * the KDC issues an AES ticket for it. Nothing here changes anything.
 */
@ApplicationModule(displayName = "Helpdesk", allowedDependencies = { "directory", "kerberos", "planning", "topology" })
package com.asaconsole.helpdesk;

import org.springframework.modulith.ApplicationModule;
