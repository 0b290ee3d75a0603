package com.asaconsole.shell;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.asaconsole.identity.Role;

/**
 * Every page of the console, with who may open it: the one list the page tour walks. A new page is one line here
 * (its path in the tour estate, the roles that reach it); a page a role must not open is listed for that role with
 * the 403 it expects, so that the error page is toured too.
 */
final class TourPages {

    /** One stop: a name for the screenshot, the path, the roles that visit it and the status each expects. */
    record Stop(String name, String path, Set<Role> roles, int status) {
    }

    private static final Set<Role> ALL = EnumSet.allOf(Role.class);
    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);
    private static final Set<Role> REVIEWERS = EnumSet.of(Role.ADMIN, Role.APPROVER);

    private TourPages() {
    }

    static List<Stop> of(TourEstate e) {
        List<Stop> stops = new ArrayList<>();
        add(stops, "dashboard", "/", ALL);
        add(stops, "version", "/about", ALL);
        add(stops, "password", "/account/password", ALL);
        add(stops, "api-tokens", "/account/api-tokens", ALL);
        for (String kind : List.of("forests", "sites", "asa-accounts", "servers", "cas-arrays", "namespaces")) {
            add(stops, "topology-" + kind, "/topology/" + kind, ALL);
            add(stops, "topology-" + kind + "-new", "/topology/" + kind + "/new", ADMIN);
        }
        add(stops, "forest-edit", "/topology/forests/" + e.forestId + "/edit", ADMIN);
        add(stops, "site-edit", "/topology/sites/" + e.siteId + "/edit", ADMIN);
        add(stops, "asa-edit", "/topology/asa-accounts/" + e.asaId + "/edit", ADMIN);
        add(stops, "server-edit", "/topology/servers/" + e.serverId + "/edit", ADMIN);
        add(stops, "cas-array-edit", "/topology/cas-arrays/" + e.arrayId + "/edit", ADMIN);
        add(stops, "namespace-edit", "/topology/namespaces/" + e.namespaceId + "/edit", ADMIN);
        add(stops, "servers-import", "/topology/servers/import", ADMIN);
        add(stops, "namespaces-import", "/topology/namespaces/import", ADMIN);
        add(stops, "discover", "/topology/discover", ADMIN);
        add(stops, "discover-proposal", "/topology/discover?forest=contoso.test", ADMIN);
        add(stops, "discover-exchange", "/topology/discover/exchange", ADMIN);
        add(stops, "exchange-proposal", "/topology/discover/exchange/" + e.discovery, ADMIN);
        add(stops, "plan", "/plans", ALL);
        add(stops, "plan-version-1", "/plans/" + e.firstPlan, ALL);
        add(stops, "plan-version-2", "/plans/" + e.secondPlan, ALL);
        for (String step : com.asaconsole.deployment.WizardSteps.keys()) {
            add(stops, "wizard-" + step, "/plans/" + e.secondPlan + "/wizard/" + step, ALL);
        }
        add(stops, "change-document", "/plans/" + e.secondPlan + "/change-document", ALL);
        add(stops, "changes", "/changes", REVIEWERS);
        add(stops, "change-run", "/changes/" + e.ranChange, REVIEWERS);
        add(stops, "change-waiting", "/changes/" + e.waitingChange, REVIEWERS);
        add(stops, "story", "/changes/" + e.ranChange + "/story", REVIEWERS);
        add(stops, "change-run-document", "/changes/" + e.ranChange + "/document", REVIEWERS);
        add(stops, "change-waiting-document", "/changes/" + e.waitingChange + "/document", REVIEWERS);
        add(stops, "jobs", "/jobs", REVIEWERS);
        add(stops, "job", "/jobs/" + e.job, REVIEWERS);
        add(stops, "spn-status", "/spn-status", ALL);
        add(stops, "spn-status-lookup", "/spn-status?q=http/" + e.namespace, ALL);
        add(stops, "health", "/health", ALL);
        add(stops, "inventory", "/inventory", ALL);
        add(stops, "scan", "/inventory/scans/" + e.scan, ALL);
        add(stops, "audit", "/audit", REVIEWERS);
        add(stops, "audit-filtered", "/audit?actor=ADMIN&action=topology.saved", REVIEWERS);
        add(stops, "audit-verify", "/audit/verify", REVIEWERS);
        add(stops, "directory", "/admin/directory", ADMIN);
        add(stops, "directory-edit", "/admin/directory/contoso.test", ADMIN);
        add(stops, "local-accounts", "/admin/local-accounts", ADMIN);
        add(stops, "api-tokens-admin", "/admin/api-tokens", ADMIN);
        add(stops, "webhooks", "/admin/webhooks", ADMIN);
        // error pages: an unknown address and a missing change for everyone, a real lack of rights for the others
        add(stops, "not-found", "/no-such-page", ALL, 404);
        add(stops, "plan-not-found", "/plans/999", ALL, 404);
        stops.add(new Stop("forbidden", "/admin/local-accounts", EnumSet.of(Role.APPROVER, Role.HELPDESK), 403));
        stops.add(new Stop("forbidden-audit", "/audit", EnumSet.of(Role.HELPDESK), 403));
        return stops;
    }

    private static void add(List<Stop> stops, String name, String path, Set<Role> roles) {
        add(stops, name, path, roles, 200);
    }

    private static void add(List<Stop> stops, String name, String path, Set<Role> roles, int status) {
        stops.add(new Stop(name, path, roles, status));
    }
}
