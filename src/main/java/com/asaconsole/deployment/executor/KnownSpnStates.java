package com.asaconsole.deployment.executor;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.asaconsole.deployment.DeploymentJob;
import com.asaconsole.directory.SpnInventory;
import com.asaconsole.directory.SpnOwner;
import com.asaconsole.planning.PlanDocument;
import com.asaconsole.planning.PlannedSpn;
import com.asaconsole.planning.SpnStates;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where the planned SPNs stand, from what the console has seen: the latest finished SPN scan of each forest (no
 * holder: planned; only the planned ASA: registered; only other accounts: on the wrong object; the ASA and others, or
 * several: duplicate), and, newer than that scan, the SPNs a job registered (assign-spns DONE) or removed
 * (remove-spns DONE). Nothing is looked up live: the map must draw fast and without a domain controller.
 */
@Component
class KnownSpnStates implements SpnStates {

    private final JdbcClient jdbc;
    private final SpnInventory inventory;
    /** Holders per finished scan and set of SPNs asked for: a finished scan never changes. */
    private final Map<String, Map<String, List<SpnOwner>>> scanned = new ConcurrentHashMap<>();

    KnownSpnStates(JdbcClient jdbc, SpnInventory inventory) {
        this.jdbc = jdbc;
        this.inventory = inventory;
    }

    @Override
    public Map<String, SpnState> of(PlanDocument plan) {
        Map<String, String> samOfAsa = new HashMap<>();
        Map<String, String> forestOfAsa = new HashMap<>();
        for (AsaInfo asa : plan.topology().asaAccounts()) {
            samOfAsa.put(asa.name(), asa.samAccountName().toLowerCase(Locale.ROOT));
            forestOfAsa.put(asa.name(), asa.forest());
        }
        Map<String, SpnState> states = new LinkedHashMap<>();
        Map<String, Instant> seenAt = new HashMap<>();
        Map<String, List<PlannedSpn>> byForest = new HashMap<>();
        for (PlannedSpn spn : plan.plan().spns()) {
            byForest.computeIfAbsent(forestOfAsa.getOrDefault(spn.asa(), ""), f -> new java.util.ArrayList<>()).add(spn);
        }
        for (Map.Entry<String, List<PlannedSpn>> forest : byForest.entrySet()) {
            SpnInventory.Scan scan = latestFinished(forest.getKey());
            if (scan == null) {
                continue;
            }
            Set<String> wanted = new HashSet<>();
            forest.getValue().forEach(s -> wanted.add(s.spn().toLowerCase(Locale.ROOT)));
            Map<String, List<SpnOwner>> holders = scanned.computeIfAbsent(scan.id() + " " + new java.util.TreeSet<>(wanted),
                    k -> inventory.holders(scan.id(), wanted));
            if (scanned.size() > 32) {
                scanned.clear();
            }
            for (PlannedSpn spn : forest.getValue()) {
                String key = spn.spn().toLowerCase(Locale.ROOT);
                List<SpnOwner> owners = holders.getOrDefault(key, List.of());
                String asaSam = samOfAsa.get(spn.asa());
                boolean onAsa = owners.stream().anyMatch(o -> o.samAccountName() != null && o.samAccountName().equalsIgnoreCase(asaSam));
                states.put(key, owners.isEmpty() ? SpnState.PLANNED : owners.size() > 1 ? SpnState.DUPLICATE
                        : onAsa ? SpnState.REGISTERED : SpnState.WRONG_OBJECT);
                seenAt.put(key, scan.finishedAt());
            }
        }
        // what jobs did after the scan (or without one)
        jdbc.sql("SELECT t.target, s.step_key, t.ended_at FROM job_task t JOIN job_step s ON s.job_id = t.job_id AND s.position = t.position "
                + "WHERE s.step_key IN ('assign-spns', 'remove-spns') AND t.status = :done ORDER BY t.ended_at")
                .param("done", DeploymentJob.StepStatus.DONE.name())
                .query((rs, n) -> {
                    String key = rs.getString(1).toLowerCase(Locale.ROOT);
                    OffsetDateTime ended = rs.getObject(3, OffsetDateTime.class);
                    Instant scanTime = seenAt.get(key);
                    if (ended != null && (scanTime == null || ended.toInstant().isAfter(scanTime))) {
                        states.put(key, "assign-spns".equals(rs.getString(2)) ? SpnState.REGISTERED : SpnState.PLANNED);
                    }
                    return key;
                }).list();
        return states;
    }

    private SpnInventory.Scan latestFinished(String forest) {
        return jdbc.sql("SELECT id FROM spn_scan WHERE forest = :forest AND status = 'FINISHED' ORDER BY id DESC")
                .param("forest", forest).query(Long.class).list().stream().findFirst().flatMap(inventory::find).orElse(null);
    }
}
