package com.asaconsole.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

/**
 * One record as the trail page shows it: its target linked to the page of the thing it names (a change, a plan
 * version, a job, a scan, a topology list, an account), and a topology edit's details as before → after.
 */
record AuditLine(AuditRecord record, String targetLink, String before, String after, Map<String, String> details) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CHANGE = Pattern.compile("change-([0-9]+)");
    private static final Pattern PLAN = Pattern.compile("plan version ([0-9]+)");
    private static final Pattern JOB = Pattern.compile("job #?([0-9]+)");
    private static final Pattern SCAN = Pattern.compile("scan #?([0-9]+)");
    private static final Map<String, String> TOPOLOGY = Map.of("Forest ", "/topology/forests", "Site ", "/topology/sites",
            "ASA account ", "/topology/asa-accounts", "Server ", "/topology/servers", "CAS array ", "/topology/cas-arrays",
            "Namespace ", "/topology/namespaces");

    static AuditLine of(AuditRecord r) {
        Map<String, String> details = new LinkedHashMap<>();
        try {
            Map<?, ?> parsed = JSON.readValue(r.details() == null || r.details().isBlank() ? "{}" : r.details(), Map.class);
            parsed.forEach((k, v) -> details.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } catch (RuntimeException notJson) {
            details.put("details", r.details());
        }
        String before = details.remove("before");
        String after = details.remove("after");
        return new AuditLine(r, link(r), before, after, details);
    }

    private static String link(AuditRecord r) {
        String target = r.target() == null ? "" : r.target();
        String action = r.action();
        if (r.correlation() != null) {
            Matcher change = CHANGE.matcher(r.correlation());
            if (change.matches()) {
                return "/changes/" + change.group(1);
            }
        }
        Matcher plan = PLAN.matcher(target);
        if (plan.find()) {
            return "/plans/" + plan.group(1);
        }
        if (action.startsWith("job.")) {
            Matcher job = JOB.matcher(target);
            if (job.find()) {
                return "/jobs/" + job.group(1);
            }
        }
        if (action.startsWith("inventory.")) {
            Matcher scan = SCAN.matcher(target);
            return scan.find() ? "/inventory/scans/" + scan.group(1) : "/inventory";
        }
        if (action.startsWith("local-account.")) {
            return "/admin/local-accounts";
        }
        if (action.startsWith("directory.")) {
            return "/admin/directory/" + target;
        }
        if (action.startsWith("topology.")) {
            for (Map.Entry<String, String> kind : TOPOLOGY.entrySet()) {
                if (target.startsWith(kind.getKey())) {
                    return kind.getValue();
                }
            }
            return "/topology";
        }
        return null;
    }
}
