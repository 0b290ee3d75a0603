package com.asaconsole.planning;

import java.util.Map;

/**
 * What another module knows of the live state of the SPNs and servers an SPN map draws (the health
 * module: its latest check round). Each mark is a level, drawn as a colour, and a label, written in
 * the box: the picture never says anything by colour alone.
 *
 * @param spns by SPN in lower case
 * @param servers by server FQDN in lower case
 */
public record SpnMapMarks(Map<String, Mark> spns, Map<String, Mark> servers) {

    public enum Level { OK, WARN, FAIL }

    /** @param label what the box says, e.g. "FAIL: SPN registration" */
    public record Mark(Level level, String label) {
    }

    public SpnMapMarks {
        spns = Map.copyOf(spns);
        servers = Map.copyOf(servers);
    }
}
