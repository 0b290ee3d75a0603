package com.asaconsole.shell;

import java.util.List;

/** The road from NTLM to Kerberos that the dashboard shows, in the order it must be walked. */
record DeploymentStepOverview(String title, String why) {

    static final List<DeploymentStepOverview> STEPS = List.of(
            new DeploymentStepOverview("Model the estate",
                    "Forests, sites, Client Access servers, CAS arrays and the load-balanced namespaces clients use."),
            new DeploymentStepOverview("Plan the ASA and its SPNs",
                    "One shared Alternate Service Account per Exchange generation; SPNs on the namespaces, never on a server."),
            new DeploymentStepOverview("Create the ASA account",
                    "A computer account with AES encryption types (msDS-SupportedEncryptionTypes 24)."),
            new DeploymentStepOverview("Deploy the credential to every CAS member",
                    "Before any SPN is added, including DR servers that may be activated."),
            new DeploymentStepOverview("Register the SPNs on the ASA",
                    "Checked forest-wide first: an SPN may belong to one account only."),
            new DeploymentStepOverview("Verify Kerberos on every member",
                    "A ticket from the KDC and a Kerberos logon accepted by each server."));
}
