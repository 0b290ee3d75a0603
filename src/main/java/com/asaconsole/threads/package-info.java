/**
 * How the console makes threads (ADR 40): Spring-managed executors that stop with the context, one recipe for every
 * module's pools.
 */
@ApplicationModule(displayName = "Threads")
package com.asaconsole.threads;

import org.springframework.modulith.ApplicationModule;
