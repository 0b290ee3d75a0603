/**
 * Change requests, four-eyes approvals, the executable wizard steps and the persistent job executor.
 * <p>
 * This package is the module's API: {@link com.asaconsole.deployment.ChangeRequests} and
 * {@link com.asaconsole.deployment.ChangeRequest} (submit, review, withdraw a change), {@link com.asaconsole.deployment.Jobs}
 * and {@link com.asaconsole.deployment.DeploymentJob} (run, cancel, retry, skip, abort), the wizard's steps
 * ({@link com.asaconsole.deployment.WizardSteps}), the events it publishes ({@code ChangeSubmitted}, {@code JobPaused},
 * {@code DeploymentActivity}) and {@link com.asaconsole.deployment.MemberReadings}. Its internals live in sub-packages:
 * {@code steps} (each deployment step and what it runs with), {@code executor} (the job runner, its tables, the job
 * pages and API) and {@code changes} (the rendering of a change, the wizard and change pages and API).
 */
@ApplicationModule(displayName = "Deployment", allowedDependencies = { "formats", "planning", "topology", "directory",
        "directory :: writes", "remoting", "kerberos", "identity", "audit", "secrets", "input", "threads" })
package com.asaconsole.deployment;

import org.springframework.modulith.ApplicationModule;
