package com.asaconsole.shell;

import java.util.List;

import com.asaconsole.deployment.WizardSteps;

/**
 * The road from NTLM to Kerberos that the dashboard shows: what comes before a change (unnumbered),
 * then the deployment wizard's steps with the numbers they have on every page, script and document.
 */
record DeploymentStepOverview(Integer number, String title, String why) {

    static final List<DeploymentStepOverview> BEFORE = List.of(
            new DeploymentStepOverview(null, "Model the estate",
                    "Forests, sites, Client Access servers, CAS arrays and the load-balanced namespaces clients use."),
            new DeploymentStepOverview(null, "Plan the ASA and its SPNs",
                    "One shared Alternate Service Account per Exchange generation; SPNs on the namespaces, never on a server."));

    static final List<DeploymentStepOverview> STEPS = WizardSteps.ALL.stream()
            .map(d -> new DeploymentStepOverview(d.number(), d.title(), d.why())).toList();
}
