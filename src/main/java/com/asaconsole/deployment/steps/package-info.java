/**
 * The deployment steps and what they run with: one class per step ({@code CreateAsaAccount}, {@code DeployCredential},
 * {@code ConvertOab}, {@code AssignSpns}, …; {@link com.asaconsole.deployment.steps.MemberStep} for those that run on
 * every Client Access member), the {@link com.asaconsole.deployment.steps.Step} contract (targets, precheck, apply,
 * verify), the {@link com.asaconsole.deployment.steps.StepCatalog} that maps wizard steps to them, the scope a step works
 * on ({@link com.asaconsole.deployment.steps.ChangeScope}) and runs in ({@link com.asaconsole.deployment.steps.JobScope},
 * {@link com.asaconsole.deployment.steps.JobSecrets}), the operations they render
 * ({@link com.asaconsole.deployment.steps.Operation}, {@link com.asaconsole.deployment.steps.ChangeOperations}) and the
 * manual script of the wizard ({@link com.asaconsole.deployment.steps.ManualScript}). Internal to the deployment module.
 */
package com.asaconsole.deployment.steps;
