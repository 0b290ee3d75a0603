package com.asaconsole.topology;

import static com.asaconsole.topology.TopologyEdits.ascii;
import static com.asaconsole.topology.TopologyEdits.checkVersion;
import static com.asaconsole.topology.TopologyEdits.nullSafe;
import static com.asaconsole.topology.TopologyEdits.reject;
import static com.asaconsole.topology.TopologyEdits.staleDelete;
import static com.asaconsole.topology.TopologyEdits.trim;
import static com.asaconsole.topology.TopologyEdits.unique;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.asaconsole.topology.TopologyRejected.Problem;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The rules of an AD site: a name unique in its forest; deleted only once no server, CAS array or namespace is in it. */
@Service
@Transactional
class SiteEditor {

    private static final Pattern SITE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");

    private final SiteRepository sites;
    private final ForestRepository forests;
    private final ExchangeServerRepository servers;
    private final CasArrayRepository arrays;
    private final LbNamespaceRepository namespaces;
    private final TopologyEdits edits;

    SiteEditor(SiteRepository sites, ForestRepository forests, ExchangeServerRepository servers, CasArrayRepository arrays,
            LbNamespaceRepository namespaces, TopologyEdits edits) {
        this.sites = sites;
        this.forests = forests;
        this.servers = servers;
        this.arrays = arrays;
        this.namespaces = namespaces;
        this.edits = edits;
    }

    Site save(Long id, SiteForm form) {
        Site current = id == null ? null : sites.findById(id).orElseThrow(TopologyEdits::notFound);
        List<Problem> problems = new ArrayList<>();
        Optional<Forest> forest = form.forestId() == null ? Optional.empty() : forests.findById(form.forestId());
        if (forest.isEmpty()) {
            problems.add(new Problem("forestId", "Choose the forest this site belongs to."));
        }
        String name = trim(form.name());
        if (name == null || !SITE_NAME.matcher(name).matches()) {
            if (ascii(problems, "name", name).isEmpty()) {
                problems.add(new Problem("name", "Enter the AD site name as it is in Active Directory Sites and Services: "
                        + "letters, digits and hyphens, e.g. Default-First-Site-Name."));
            }
        }
        forest.ifPresent(f -> unique(problems, "name", sites.findByForestIdAndNameIgnoreCase(f.id(), nullSafe(name)).map(Site::id), id,
                "Forest " + f.dnsName() + " already has a site named " + name + "."));
        edits.fits(problems, new Site(id, form.forestId(), name, null));
        reject(problems);
        checkVersion("Site " + (current == null ? "" : current.name()), current, form.version(),
                current == null ? null : current.version(), () -> "name " + current.name());
        return edits.save(() -> sites.save(new Site(id, form.forestId(), name, current == null ? null : form.version())), "Site " + name,
                current == null ? null : "name " + current.name(), saved -> "name " + saved.name());
    }

    void delete(long id, Integer version) {
        Site site = sites.findById(id).orElseThrow(TopologyEdits::notFound);
        staleDelete("Site " + site.name(), site.version(), version);
        List<String> users = new ArrayList<>();
        servers.findBySiteId(id).forEach(s -> users.add("server " + s.fqdn()));
        arrays.findBySiteId(id).forEach(a -> users.add("CAS array " + a.fqdn()));
        namespaces.findBySiteId(id).forEach(n -> users.add("namespace " + n.fqdn()));
        if (!users.isEmpty()) {
            throw new StillInUse("Site " + site.name() + " still holds " + String.join(", ", users)
                    + "; move them to another site or delete them first.");
        }
        sites.delete(site);
        edits.deleted("Site " + site.name(), "name " + site.name());
    }
}
