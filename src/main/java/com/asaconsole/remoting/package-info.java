/**
 * Typed Exchange operations, their PowerShell rendering per version, and the WS-Management transport to the Client Access servers.
 */
@ApplicationModule(displayName = "Remoting", allowedDependencies = { "kerberos", "threads" })
package com.asaconsole.remoting;

import org.springframework.modulith.ApplicationModule;
