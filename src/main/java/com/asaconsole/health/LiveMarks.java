package com.asaconsole.health;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.asaconsole.planning.SpnMapMarks;

/** A round's verdicts as marks on the SPN map: each SPN and member with its verdict and, when not OK, its failing checks in words. */
final class LiveMarks {

    private LiveMarks() {
    }

    static SpnMapMarks of(EstateHealth.Report report) {
        Map<String, SpnMapMarks.Mark> spns = new HashMap<>();
        Map<String, SpnMapMarks.Mark> servers = new HashMap<>();
        for (EstateHealth.Subject s : report.subjects()) {
            switch (s.kind()) {
            case NAMESPACE -> spns.put(key(s.name()), mark(s, "registered on the ASA, AES ticket"));
            case MEMBER -> servers.put(key(s.name()), mark(s, "accepts Kerberos"));
            default -> {
                // the ASA's own checks are on its card; the map draws the ASA once per name
            }
            }
        }
        return new SpnMapMarks(spns, servers);
    }

    private static SpnMapMarks.Mark mark(EstateHealth.Subject subject, String healthy) {
        SpnMapMarks.Level level = SpnMapMarks.Level.valueOf(subject.verdict().name());
        List<EstateHealth.Check> failing = subject.failing();
        // short enough for a box: the worst check, and how many more (the subject's card below names them all)
        List<String> titles = failing.stream().map(c -> c.result().checkTitle()).distinct().toList();
        String label = titles.isEmpty() ? "OK: " + healthy
                : subject.verdict() + ": " + titles.get(0) + (titles.size() > 1 ? " +" + (titles.size() - 1) + " more" : "");
        return new SpnMapMarks.Mark(level, label);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
