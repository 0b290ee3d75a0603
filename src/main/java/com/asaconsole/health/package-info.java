/**
 * The estate's Kerberos health, continuously and read-only: per namespace SPN (registered once, on
 * the planned ASA; an AES ticket with the ASA's current key version), per Client Access member (the
 * ASA as Latest credential, not older than the password; the Kerberos probe accepted; logons by
 * package) and per ASA (present and enabled, encryption types, password age, protection, the
 * console's reset right). Rounds run on the persistent scheduler and on demand; every result is
 * kept with its time. Nothing here writes to AD or a server: a fix is offered as a prepared change
 * that goes through the normal four-eyes approval.
 */
@ApplicationModule(displayName = "Health", allowedDependencies = { "directory", "kerberos", "planning", "topology", "deployment",
        "remoting", "identity" })
package com.asaconsole.health;

import org.springframework.modulith.ApplicationModule;
