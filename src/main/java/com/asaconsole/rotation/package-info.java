/**
 * ASA password rotation under a standing approval (issue 16 part 4, ADR 29): a reviewer approves
 * once what a roll of an ASA does (its members, the rendered operations, the interval, a validity),
 * bound to the content hash; when the ASA's password reaches the interval the persistent scheduler
 * (one node) creates the roll as a change under that approval and starts its job. The executor's
 * rules hold unchanged: every member gets the new password, AD only once all hold it, then verify;
 * a failing member pauses the job before AD.
 */
@ApplicationModule(displayName = "Rotation", allowedDependencies = { "formats", "deployment", "planning", "topology", "directory", "health",
        "identity", "audit" })
package com.asaconsole.rotation;

import org.springframework.modulith.ApplicationModule;
