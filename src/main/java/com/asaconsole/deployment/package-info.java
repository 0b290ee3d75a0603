/**
 * Change requests, four-eyes approvals, the executable wizard steps and the persistent job executor.
 */
@ApplicationModule(displayName = "Deployment", allowedDependencies = { "hashing", "planning", "topology", "directory", "remoting", "kerberos", "identity", "audit", "secrets", "input" })
package com.asaconsole.deployment;

import org.springframework.modulith.ApplicationModule;
