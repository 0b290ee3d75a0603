package com.asaconsole.topology;

import static com.asaconsole.topology.TopologyEdits.ascii;
import static com.asaconsole.topology.TopologyEdits.blankToNull;
import static com.asaconsole.topology.TopologyEdits.checkVersion;
import static com.asaconsole.topology.TopologyEdits.dnProblem;
import static com.asaconsole.topology.TopologyEdits.lower;
import static com.asaconsole.topology.TopologyEdits.nullSafe;
import static com.asaconsole.topology.TopologyEdits.plural;
import static com.asaconsole.topology.TopologyEdits.reject;
import static com.asaconsole.topology.TopologyEdits.staleDelete;
import static com.asaconsole.topology.TopologyEdits.trim;
import static com.asaconsole.topology.TopologyEdits.unique;
import static com.asaconsole.topology.TopologyEdits.upper;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.asaconsole.topology.TopologyRejected.Problem;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The rules of a forest: unique DNS and NetBIOS names, LDAPS endpoints, an ASA OU; deleted only once it has no sites and no ASA accounts. */
@Service
@Transactional
class ForestEditor {

    private static final Pattern NETBIOS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,14}");

    private final ForestRepository forests;
    private final SiteRepository sites;
    private final AsaAccountRepository asas;
    private final TopologyEdits edits;

    ForestEditor(ForestRepository forests, SiteRepository sites, AsaAccountRepository asas, TopologyEdits edits) {
        this.forests = forests;
        this.sites = sites;
        this.asas = asas;
        this.edits = edits;
    }

    Forest save(Long id, ForestForm form) {
        Forest current = id == null ? null : forests.findById(id).orElseThrow(TopologyEdits::notFound);
        List<Problem> problems = new ArrayList<>();
        String dns = lower(form.dnsName());
        HostNames.fqdnProblem(dns).ifPresent(p -> problems.add(new Problem("dnsName", p)));
        String netbios = upper(form.netbiosName());
        if (netbios == null || !NETBIOS.matcher(netbios).matches()) {
            if (ascii(problems, "netbiosName", netbios).isEmpty()) {
                problems.add(new Problem("netbiosName", "Enter the NetBIOS domain name: 1 to 15 letters, digits or hyphens, e.g. CONTOSO."));
            }
        }
        HostNames.endpointProblem(trim(form.ldapsEndpoint()), "ldaps")
                .ifPresent(p -> problems.add(new Problem("ldapsEndpoint", p)));
        HostNames.endpointProblem(trim(form.globalCatalogEndpoint()), "ldaps", "gc")
                .ifPresent(p -> problems.add(new Problem("globalCatalogEndpoint", p)));
        dnProblem(trim(form.asaOu())).ifPresent(p -> problems.add(new Problem("asaOu", p)));
        String credential = blankToNull(form.credentialRef());
        if (credential != null) {
            HostNames.nonAscii(credential, false).ifPresent(p -> problems.add(new Problem("credentialRef", p)));
        }
        unique(problems, "dnsName", forests.findByDnsNameIgnoreCase(nullSafe(dns)).map(Forest::id), id,
                "A forest named " + dns + " already exists.");
        unique(problems, "netbiosName", forests.findByNetbiosNameIgnoreCase(nullSafe(netbios)).map(Forest::id), id,
                "A forest with the NetBIOS name " + netbios + " already exists.");
        edits.fits(problems, new Forest(id, dns, netbios, trim(form.ldapsEndpoint()), trim(form.globalCatalogEndpoint()), trim(form.asaOu()),
                credential, null));
        reject(problems);
        checkVersion("Forest " + (current == null ? "" : current.dnsName()), current, form.version(),
                current == null ? null : current.version(), () -> describe(current));
        return edits.save(() -> forests.save(new Forest(id, dns, netbios, trim(form.ldapsEndpoint()),
                trim(form.globalCatalogEndpoint()), trim(form.asaOu()), credential, current == null ? null : form.version())),
                "Forest " + dns, current == null ? null : describe(current), ForestEditor::describe);
    }

    void delete(long id, Integer version) {
        Forest forest = forests.findById(id).orElseThrow(TopologyEdits::notFound);
        staleDelete("Forest " + forest.dnsName(), forest.version(), version);
        long siteCount = sites.countByForestId(id);
        long asaCount = asas.countByForestId(id);
        if (siteCount > 0 || asaCount > 0) {
            throw new StillInUse("Forest " + forest.dnsName() + " still has " + plural(siteCount, "site") + " and "
                    + plural(asaCount, "ASA account") + "; delete them first.");
        }
        forests.delete(forest);
        edits.deleted("Forest " + forest.dnsName(), describe(forest));
    }

    private static String describe(Forest f) {
        return "DNS name " + f.dnsName() + ", NetBIOS " + f.netbiosName() + ", LDAPS " + f.ldapsEndpoint() + ", GC "
                + f.globalCatalogEndpoint() + ", ASA OU " + f.asaOu();
    }
}
