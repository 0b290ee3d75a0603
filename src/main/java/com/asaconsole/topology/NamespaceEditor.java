package com.asaconsole.topology;

import static com.asaconsole.topology.TopologyEdits.checkVersion;
import static com.asaconsole.topology.TopologyEdits.checkFqdn;
import static com.asaconsole.topology.TopologyEdits.lower;
import static com.asaconsole.topology.TopologyEdits.nullSafe;
import static com.asaconsole.topology.TopologyEdits.reject;
import static com.asaconsole.topology.TopologyEdits.staleDelete;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.asaconsole.topology.TopologyRejected.Problem;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The rules of a load-balanced namespace: a unique FQDN, a scope, services, its sites and servers, the size limit. */
@Service
@Transactional
class NamespaceEditor {

    private final LbNamespaceRepository namespaces;
    private final SiteRepository sites;
    private final ExchangeServerRepository servers;
    private final TopologyLimits size;
    private final TopologyEdits edits;

    NamespaceEditor(LbNamespaceRepository namespaces, SiteRepository sites, ExchangeServerRepository servers,
            TopologyLimits size, TopologyEdits edits) {
        this.namespaces = namespaces;
        this.sites = sites;
        this.servers = servers;
        this.size = size;
        this.edits = edits;
    }

    LbNamespace save(Long id, NamespaceForm form) {
        LbNamespace current = id == null ? null : namespaces.findById(id).orElseThrow(TopologyEdits::notFound);
        reject(problems(id, form, Set.of()));
        checkVersion("Namespace " + (current == null ? "" : current.fqdn()), current, form.version(),
                current == null ? null : current.version(), () -> describe(current));
        return edits.save(() -> namespaces.save(toNamespace(id, form, current == null ? null : form.version())),
                "Namespace " + lower(form.fqdn()), current == null ? null : describe(current), this::describe);
    }

    List<Problem> problems(Long id, NamespaceForm form, Set<String> alsoTaken) {
        List<Problem> problems = new ArrayList<>();
        if (id == null) {
            long now = namespaces.count();
            if (now + alsoTaken.size() >= size.maxNamespaces()) {
                problems.add(new Problem(null, size.namespacesSentence(now, alsoTaken.size() + 1)));
            }
        }
        String fqdn = lower(form.fqdn());
        checkFqdn(problems, fqdn, namespaces.findByFqdnIgnoreCase(nullSafe(fqdn)).map(LbNamespace::id), id,
                "A namespace named " + fqdn + " already exists.", alsoTaken);
        if (form.scope() == null) {
            problems.add(new Problem("scope", "Choose where clients resolve this name: internal, external or both."));
        }
        if (form.services().isEmpty()) {
            problems.add(new Problem("services", "Choose at least one service this name carries."));
        }
        if (form.siteIds().isEmpty()) {
            problems.add(new Problem("siteIds", "Choose the AD site whose servers answer this name (several if a DR site serves it too)."));
        } else if (form.siteIds().stream().anyMatch(siteId -> sites.findById(siteId).isEmpty())) {
            problems.add(new Problem("siteIds", "A chosen site no longer exists; reload the page."));
        }
        for (Long serverId : form.serverIds()) {
            if (servers.findById(serverId).isEmpty()) {
                problems.add(new Problem("serverIds", "A chosen server no longer exists; reload the page."));
            }
        }
        edits.fits(problems, toNamespace(id, form, null));
        return problems;
    }

    LbNamespace toNamespace(Long id, NamespaceForm form, Integer version) {
        Set<LbNamespace.Backend> backends = form.serverIds().stream().distinct().map(LbNamespace.Backend::new)
                .collect(Collectors.toSet());
        Set<LbNamespace.SiteRef> siteRefs = form.siteIds().stream().map(LbNamespace.SiteRef::new).collect(Collectors.toSet());
        return new LbNamespace(id, lower(form.fqdn()), form.scope(), LbNamespace.encode(form.services()), siteRefs, backends, version);
    }

    void delete(long id, Integer version) {
        LbNamespace namespace = namespaces.findById(id).orElseThrow(TopologyEdits::notFound);
        staleDelete("Namespace " + namespace.fqdn(), namespace.version(), version);
        namespaces.delete(namespace);
        edits.deleted("Namespace " + namespace.fqdn(), describe(namespace));
    }

    private String describe(LbNamespace n) {
        return n.fqdn() + ", " + n.scope().label() + ", sites " + n.siteIds().stream()
                .map(edits::siteName).sorted().collect(Collectors.joining(", "))
                + ", services " + n.serviceSet().stream().map(ExchangeService::label)
                .collect(Collectors.joining(", ")) + ", servers " + edits.serverNames(n.servers().stream().map(LbNamespace.Backend::serverId).toList());
    }
}
