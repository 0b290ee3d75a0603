/**
 * Turns the topology into planned SPNs with reasons, planned SPN moves (read from the directory) and findings (BLOCK, WARN, INFO), and immutable
 * plan versions with a content hash. It writes no PowerShell: the operations come from the deployment steps.
 */
@ApplicationModule(displayName = "Planning", allowedDependencies = { "formats", "topology", "directory", "audit", "input" })
package com.asaconsole.planning;

import org.springframework.modulith.ApplicationModule;
