/**
 * The console's frame: layout, navigation, the dashboard (a cockpit over the other modules' APIs), version page and error pages.
 */
@ApplicationModule(displayName = "Console shell", allowedDependencies = { "identity", "input", "topology", "planning", "deployment", "directory", "health",
        "rotation" })
package com.asaconsole.shell;

import org.springframework.modulith.ApplicationModule;
