/**
 * The modelled estate: forests, AD sites, Exchange servers, CAS arrays, load-balanced namespaces and ASA account definitions.
 */
@ApplicationModule(displayName = "Topology", allowedDependencies = { "directory", "audit", "input", "remoting" })
package com.asaconsole.topology;

import org.springframework.modulith.ApplicationModule;
