/**
 * Change requests as people see them: the one rendering of a change's operations
 * ({@link com.asaconsole.deployment.changes.ChangeRenderer}, shared by the wizard, the change page, the approval and
 * the job that runs it), the printable change document, the wizard and change pages ({@code WizardController},
 * {@code ChangesController}) and the changes API ({@code ChangesApi}). Internal to the deployment module: other
 * modules use {@link com.asaconsole.deployment.ChangeRequests}.
 */
package com.asaconsole.deployment.changes;
