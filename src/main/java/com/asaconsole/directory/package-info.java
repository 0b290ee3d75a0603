/**
 * The Active Directory gateway over LDAPS and the Global Catalog: discovery, the ASA account, SPNs with setspn semantics, the forest-wide SPN inventory.
 */
@ApplicationModule(displayName = "Directory", allowedDependencies = { "formats", "secrets", "input", "threads" })
package com.asaconsole.directory;

import org.springframework.modulith.ApplicationModule;
