/**
 * Encrypted storage of bind, WinRM and ASA credentials; values are never rendered back.
 */
@ApplicationModule(displayName = "Secrets")
package com.asaconsole.secrets;

import org.springframework.modulith.ApplicationModule;
