/**
 * Values every module writes the same way: the SHA-256 content hash of a text (plan versions, a change's frozen
 * operations, the audit chain, API tokens, rotation policies, secret purposes) and a CSV cell of an export (the
 * audit trail, the SPN inventory). One implementation each, so that they agree.
 */
@ApplicationModule(displayName = "Formats")
package com.asaconsole.formats;

import org.springframework.modulith.ApplicationModule;
