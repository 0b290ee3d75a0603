/**
 * Change requests, four-eyes approvals, the executable wizard steps and the persistent job executor.
 */
@ApplicationModule(displayName = "Deployment", allowedDependencies = { "formats", "planning", "topology", "directory", "directory :: writes", "remoting", "kerberos", "identity", "audit", "secrets", "input", "threads" })
package com.asaconsole.deployment;

import org.springframework.modulith.ApplicationModule;
