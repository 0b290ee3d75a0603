package com.asaconsole.planning;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.asaconsole.directory.DirectoryException;
import com.asaconsole.directory.DirectoryGateway;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.directory.SpnLookups;
import com.asaconsole.directory.SpnOwner;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot;

import org.springframework.stereotype.Component;

/**
 * Reads where each planned SPN is registered now (setspn -F -Q against the Global Catalog) in
 * every forest that has a directory connection. A forest without one is left out; one that can't be
 * read gives a sentence. Read-only.
 */
@Component
class SpnRegistrations {

    private final DirectorySettings settings;
    private final DirectoryGateway gateway;

    SpnRegistrations(DirectorySettings settings, DirectoryGateway gateway) {
        this.settings = settings;
        this.gateway = gateway;
    }

    DirectoryReading read(TopologySnapshot topology, List<PlannedSpn> spns) {
        Map<String, AsaInfo> asas = topology.asaAccounts().stream().collect(Collectors.toMap(AsaInfo::name, Function.identity(), (a, b) -> a));
        Set<String> read = new LinkedHashSet<>();
        List<SpnRegistration> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, List<PlannedSpn>> byForest = spns.stream().filter(s -> asas.containsKey(s.asa()))
                .collect(Collectors.groupingBy(s -> asas.get(s.asa()).forest(), java.util.TreeMap::new, Collectors.toList()));
        for (Map.Entry<String, List<PlannedSpn>> forest : byForest.entrySet()) {
            if (settings.find(forest.getKey()).isEmpty()) {
                continue;
            }
            try {
                SpnLookups directory = gateway.spnLookups(settings.connection(forest.getKey()));
                for (PlannedSpn spn : forest.getValue()) {
                    for (SpnOwner owner : directory.whoHolds(spn.spn())) {
                        found.add(new SpnRegistration(spn.spn(), forest.getKey(), owner.dn(), owner.samAccountName()));
                    }
                }
                read.add(forest.getKey());
            } catch (DirectoryException e) {
                problems.add(forest.getKey() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                problems.add(forest.getKey() + ": the directory connection can't be used (" + e.getMessage() + ")");
            }
        }
        return new DirectoryReading(read, found, problems);
    }
}
