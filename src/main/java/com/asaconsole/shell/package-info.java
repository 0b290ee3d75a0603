/**
 * The console's frame: layout, navigation, dashboard, version page and error pages.
 */
@ApplicationModule(displayName = "Console shell", allowedDependencies = { "identity", "input" })
package com.asaconsole.shell;

import org.springframework.modulith.ApplicationModule;
