/**
 * The persistent job executor: {@link com.asaconsole.deployment.executor.JobRunner} runs a job's steps target by target
 * (precheck, apply, verify), {@link com.asaconsole.deployment.executor.JobStore} is the one place the job tables are
 * read and written, {@link com.asaconsole.deployment.executor.ExecutorConfiguration} wires the db-scheduler that runs
 * jobs on one node at a time; the job pages ({@code JobsController}, {@code JobTimeline}), the jobs API
 * ({@code JobsApi}) and what jobs tell the SPN map ({@code KnownSpnStates}). Internal to the deployment module: other
 * modules use {@link com.asaconsole.deployment.Jobs}.
 */
package com.asaconsole.deployment.executor;
