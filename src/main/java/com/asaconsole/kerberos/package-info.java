/**
 * The console's one Kerberos sign-in (KerberosLogin), ticket checks against the KDC (encryption type, key version) and
 * per-member SPNEGO probes.
 */
@ApplicationModule(displayName = "Kerberos")
package com.asaconsole.kerberos;

import org.springframework.modulith.ApplicationModule;
