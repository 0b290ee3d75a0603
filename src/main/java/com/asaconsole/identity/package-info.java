/**
 * Who is signed in and what they may do: local accounts (the bootstrap admin), form login with throttling, session limits, roles ADMIN, APPROVER and
 * HELPDESK, and the deny-by-default access rules.
 */
@ApplicationModule(displayName = "Identity", allowedDependencies = { "formats", "directory", "input" })
package com.asaconsole.identity;

import org.springframework.modulith.ApplicationModule;
