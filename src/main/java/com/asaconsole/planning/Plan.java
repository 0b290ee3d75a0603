package com.asaconsole.planning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The planner's answer: SPNs per ASA with reasons, the SPNs to move from a CAS computer account or
 * another ASA of the estate (read from the directory), and findings.
 */
public record Plan(List<PlannedSpn> spns, List<Finding> findings, List<PlannedMove> moves) {

    public Plan {
        spns = List.copyOf(spns);
        findings = List.copyOf(findings);
        moves = moves == null ? List.of() : List.copyOf(moves);
    }

    public Plan(List<PlannedSpn> spns, List<Finding> findings) {
        this(spns, findings, List.of());
    }

    /** The move planned for this SPN, if it sits on a CAS computer account or another ASA of the estate. */
    public java.util.Optional<PlannedMove> move(String spn) {
        return moves.stream().filter(m -> m.spn().equalsIgnoreCase(spn)).findFirst();
    }

    public boolean blocked() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.BLOCK);
    }

    public List<Finding> blocking() {
        return findings.stream().filter(f -> f.severity() == Severity.BLOCK).toList();
    }

    /** SPNs grouped by ASA, then by the name they are for, in plan order. */
    public Map<String, Map<String, List<PlannedSpn>>> byAsaAndHost() {
        Map<String, Map<String, List<PlannedSpn>>> grouped = new LinkedHashMap<>();
        for (PlannedSpn spn : spns) {
            grouped.computeIfAbsent(spn.asa(), a -> new LinkedHashMap<>())
                    .computeIfAbsent(spn.host(), h -> new java.util.ArrayList<>()).add(spn);
        }
        return grouped;
    }

    public List<PlannedSpn> spnsOf(String asa) {
        return spns.stream().filter(s -> s.asa().equals(asa)).toList();
    }
}
