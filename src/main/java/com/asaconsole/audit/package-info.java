/**
 * The append-only, hash-chained audit trail fed by events from every module, its verifier, reviewer views and exports.
 */
@ApplicationModule(displayName = "Audit")
package com.asaconsole.audit;

import org.springframework.modulith.ApplicationModule;
