package com.asaconsole.planning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.asaconsole.topology.TopologySnapshot;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

/**
 * The plan as a picture, one per name clients use (namespace or CAS array): the name → its SPNs (each with its state
 * where known) → the ASA that holds them → the servers that must hold that ASA, grouped by AD site, DR/standby marked.
 * Laid out here in plain coordinates; planning/pictures.html writes the SVG (no script, no external asset, prints).
 */
record SpnMap(String host, int width, int height, Box name, List<Box> spns, List<Box> asas, List<Box> sites, List<Box> servers,
        List<Line> lines) {

    static final int WIDTH = 1120;
    private static final int TOP = 20;
    private static final int SPN_ROW = 48;
    private static final int SERVER_ROW = 42;
    private static final int SITE_HEAD = 26;

    /** A box: position, size, its text, a second line (state, role), and a style key (planned, registered, site, dr…). */
    record Box(int x, int y, int w, int h, String text, String note, String kind) {
        int midY() {
            return y + h / 2;
        }
    }

    record Line(int x1, int y1, int x2, int y2) {
    }

    static List<SpnMap> of(PlanDocument document, Map<String, SpnStates.SpnState> states) {
        return page(document, states, 0, Integer.MAX_VALUE).getContent();
    }

    static org.springframework.data.domain.Page<SpnMap> page(PlanDocument document, Map<String, SpnStates.SpnState> states,
            int page, int size) {
        return page(document, states, null, page, size);
    }

    /**
     * The maps of one page of names (in the plan's order): only these are laid out, so a page of a plan for thousands of
     * namespaces draws a bounded number of pictures (ADR 0018). With {@code marks} (else null), SPNs and servers are drawn
     * by their live state instead of the deployment's record.
     */
    static org.springframework.data.domain.Page<SpnMap> page(PlanDocument document, Map<String, SpnStates.SpnState> states,
            SpnMapMarks marks, int page, int size) {
        TopologySnapshot topology = document.topology();
        Map<String, List<PlannedSpn>> byHost = new LinkedHashMap<>();
        for (PlannedSpn spn : document.plan().spns()) {
            byHost.computeIfAbsent(spn.host(), h -> new ArrayList<>()).add(spn);
        }
        org.springframework.data.domain.PageRequest request = org.springframework.data.domain.PageRequest.of(Math.max(0, page),
                Math.max(1, size));
        List<Map.Entry<String, List<PlannedSpn>>> hosts = new ArrayList<>(byHost.entrySet());
        int from = (int) Math.min(request.getOffset(), hosts.size());
        int to = (int) Math.min((long) from + request.getPageSize(), hosts.size());
        // the servers behind each name, by name (the first namespace of a name wins, then the first CAS array)
        Map<String, List<String>> behindByName = new java.util.HashMap<>();
        topology.namespaces().forEach(n -> behindByName.putIfAbsent(n.fqdn(), n.servers()));
        topology.casArrays().forEach(a -> behindByName.putIfAbsent(a.fqdn(), a.members()));
        Map<String, ServerInfo> servers = new java.util.HashMap<>();
        topology.servers().forEach(s -> servers.put(s.fqdn(), s));
        List<SpnMap> maps = new ArrayList<>();
        for (Map.Entry<String, List<PlannedSpn>> host : hosts.subList(from, to)) {
            List<String> behind = behindByName.getOrDefault(host.getKey(), List.of());
            maps.add(layout(host.getKey(), host.getValue(), behind.stream().map(servers::get).filter(Objects::nonNull).toList(), states,
                    marks));
        }
        return new org.springframework.data.domain.PageImpl<>(maps, request, hosts.size());
    }

    private static SpnMap layout(String host, List<PlannedSpn> spns, List<ServerInfo> behind, Map<String, SpnStates.SpnState> states,
            SpnMapMarks marks) {
        List<Box> spnBoxes = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < spns.size(); i++) {
            PlannedSpn spn = spns.get(i);
            String key = spn.spn().toLowerCase(Locale.ROOT);
            if (marks != null) {
                SpnMapMarks.Mark mark = marks.spns().get(key);
                spnBoxes.add(new Box(280, TOP + i * SPN_ROW, 340, SPN_ROW - 8, fit(spn.spn(), 46), fit(label(mark), 52), live(mark)));
                continue;
            }
            SpnStates.SpnState state = states.getOrDefault(key, SpnStates.SpnState.PLANNED);
            spnBoxes.add(new Box(280, TOP + i * SPN_ROW, 340, SPN_ROW - 8, fit(spn.spn(), 46), state.label(),
                    state.name().toLowerCase(Locale.ROOT)));
        }
        List<String> asaNames = spns.stream().map(PlannedSpn::asa).distinct().toList();
        List<Box> asaBoxes = new ArrayList<>();
        for (int i = 0; i < asaNames.size(); i++) {
            asaBoxes.add(new Box(660, TOP + i * 60, 190, 44, fit(asaNames.get(i), 24), "ASA", "asa"));
        }
        // servers by site, in the order the namespace lists them
        Map<String, List<ServerInfo>> bySite = new LinkedHashMap<>();
        behind.forEach(s -> bySite.computeIfAbsent(s.site(), k -> new ArrayList<>()).add(s));
        List<Box> siteBoxes = new ArrayList<>();
        List<Box> serverBoxes = new ArrayList<>();
        int y = TOP;
        for (Map.Entry<String, List<ServerInfo>> site : bySite.entrySet()) {
            int height = SITE_HEAD + site.getValue().size() * SERVER_ROW + 6;
            boolean dr = site.getValue().stream().allMatch(ServerInfo::standby);
            siteBoxes.add(new Box(880, y, 230, height, fit("AD site " + site.getKey(), 30), dr ? "DR" : "", dr ? "site-dr" : "site"));
            for (int i = 0; i < site.getValue().size(); i++) {
                ServerInfo server = site.getValue().get(i);
                boolean holdsPlanned = server.asa() != null && asaNames.contains(server.asa());
                if (marks != null) {
                    SpnMapMarks.Mark mark = marks.servers().get(server.fqdn().toLowerCase(Locale.ROOT));
                    serverBoxes.add(new Box(890, y + SITE_HEAD + i * SERVER_ROW, 210, SERVER_ROW - 6, fit(server.fqdn(), 32),
                            fit((server.standby() ? "DR · " : "") + label(mark), 34), live(mark) + (server.standby() ? "-dr" : "")));
                    continue;
                }
                serverBoxes.add(new Box(890, y + SITE_HEAD + i * SERVER_ROW, 210, SERVER_ROW - 6, fit(server.fqdn(), 32),
                        (server.standby() ? "DR/standby" : "") + (holdsPlanned ? "" : (server.standby() ? ", " : "") + "no ASA"),
                        server.standby() ? "dr" : holdsPlanned ? "server" : "server-missing"));
            }
            y += height + 10;
        }
        int contentBottom = Math.max(Math.max(TOP + spns.size() * SPN_ROW, TOP + asaNames.size() * 60), y);
        int height = Math.max(contentBottom + 10, 110);
        Box name = new Box(10, Math.max(TOP, (TOP + spns.size() * SPN_ROW) / 2 - 22), 240, 44, fit(host, 27), "namespace", "namespace");
        for (Box spn : spnBoxes) {
            lines.add(new Line(name.x() + name.w(), name.midY(), spn.x(), spn.midY()));
            PlannedSpn planned = spns.get(spnBoxes.indexOf(spn));
            Box asa = asaBoxes.get(asaNames.indexOf(planned.asa()));
            lines.add(new Line(spn.x() + spn.w(), spn.midY(), asa.x(), asa.midY()));
        }
        for (Box site : siteBoxes) {
            lines.add(new Line(asaBoxes.get(0).x() + asaBoxes.get(0).w(), asaBoxes.get(0).midY(), site.x(), site.y() + 13));
        }
        return new SpnMap(host, WIDTH, height, name, spnBoxes, asaBoxes, siteBoxes, serverBoxes, lines);
    }

    /** The style key of a live mark: live-ok, live-warn, live-fail, or live-none when the round did not check it. */
    private static String live(SpnMapMarks.Mark mark) {
        return mark == null ? "live-none" : "live-" + mark.level().name().toLowerCase(Locale.ROOT);
    }

    private static String label(SpnMapMarks.Mark mark) {
        return mark == null ? "not checked" : mark.label();
    }

    /** A name shortened to what its box holds (the caption and the table below give it whole). */
    static String fit(String text, int chars) {
        return text.length() <= chars ? text : text.substring(0, chars - 1) + "…";
    }
}
