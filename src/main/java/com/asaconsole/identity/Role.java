package com.asaconsole.identity;

/**
 * What a person may do in the console. Exchange admins model and run changes, approvers review
 * and approve them, helpdesk staff look up SPN status.
 */
public enum Role {
    ADMIN("Exchange admin", "Models the estate, plans the ASA and its SPNs, submits and runs changes."),
    APPROVER("Change reviewer", "Reads changes and the audit trail, approves or rejects."),
    HELPDESK("Helpdesk", "Looks up SPNs, hosts and accounts and checks whether Kerberos works for them.");

    private final String label;
    private final String duty;

    Role(String label, String duty) {
        this.label = label;
        this.duty = duty;
    }

    public String label() {
        return label;
    }

    public String duty() {
        return duty;
    }

    /** The Spring Security authority that carries this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
