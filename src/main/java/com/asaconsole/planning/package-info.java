/**
 * Turns the topology into planned SPNs with reasons and findings (BLOCK, WARN, INFO), immutable plan versions with a content hash, and exports.
 */
@ApplicationModule(displayName = "Planning", allowedDependencies = { "topology", "audit", "input" })
package com.asaconsole.planning;

import org.springframework.modulith.ApplicationModule;
