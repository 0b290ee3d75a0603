package com.asaconsole.audit;

import java.util.ArrayList;
import java.util.List;

/** The actions a reviewer picks from on the trail page: groups ({@code change.*}) and the single actions the console records. */
final class AuditActions {

    /** One choice of the picker: the filter value and how it reads. */
    record Choice(String value, String label) {
    }

    static final List<Choice> CHOICES = List.of(
            new Choice("sign-in", "Sign-ins"),
            new Choice("local-account.*", "Local accounts: all"),
            new Choice("api-token.*", "API tokens: created, revoked"),
            new Choice("directory.*", "Directory connections: saved, tested"),
            new Choice("inventory.*", "SPN scans"),
            new Choice("topology.*", "Topology: all"),
            new Choice("topology.saved", "Topology: saved"),
            new Choice("topology.deleted", "Topology: deleted"),
            new Choice("topology.imported", "Topology: CSV imports"),
            new Choice("topology.discovered", "Topology: filled from the directory"),
            new Choice("plan.saved", "Plan versions stored"),
            new Choice("change.*", "Changes: all"),
            new Choice("change.submitted", "Changes: submitted"),
            new Choice("change.approved", "Changes: approved"),
            new Choice("change.rejected", "Changes: rejected"),
            new Choice("change.withdrawn", "Changes: withdrawn"),
            new Choice("job.*", "Jobs: all events"),
            new Choice("ldap.*", "Directory writes (LDAP)"),
            new Choice("winrm.*", "Client Access server commands (WinRM)"),
            new Choice("audit.export", "Audit exports"));

    private AuditActions() {
    }

    /** The choices, with a value typed into the address that is not among them kept selectable. */
    static List<Choice> choices(String selected) {
        if (selected == null || CHOICES.stream().anyMatch(c -> c.value().equals(selected))) {
            return CHOICES;
        }
        List<Choice> all = new ArrayList<>(CHOICES);
        all.add(new Choice(selected, selected));
        return all;
    }
}
