package com.asaconsole.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.asaconsole.directory.DirectoryException;
import com.asaconsole.directory.DirectoryGateway;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.directory.ForestFacts;

import com.asaconsole.audit.AuditEvent;
import com.asaconsole.audit.AuditTrail;
import com.asaconsole.audit.Outcome;

import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Offers to fill the topology from what the directory says (the forest and its AD sites); the
 * admin sees the proposal and confirms it. Existing entries are left as they are.
 */
@Controller
@RequestMapping("/topology/discover")
class DiscoveryController {

    private final DirectorySettings settings;
    private final DirectoryGateway gateway;
    private final ForestEditor forestEditor;
    private final SiteEditor siteEditor;
    private final ForestRepository forests;
    private final SiteRepository sites;
    private final AuditTrail audit;

    DiscoveryController(DirectorySettings settings, DirectoryGateway gateway, ForestEditor forestEditor, SiteEditor siteEditor,
            ForestRepository forests, SiteRepository sites, AuditTrail audit) {
        this.audit = audit;
        this.settings = settings;
        this.gateway = gateway;
        this.forestEditor = forestEditor;
        this.siteEditor = siteEditor;
        this.forests = forests;
        this.sites = sites;
    }

    record Proposal(String dnsName, String netbiosName, String ldapsEndpoint, String globalCatalogEndpoint, String asaOu,
            boolean forestExists, List<ProposedSite> sites) {
    }

    record ProposedSite(String name, boolean exists) {
    }

    @GetMapping
    String propose(@RequestParam(required = false) String forest, Model model) {
        model.addAttribute("forests", settings.all());
        if (forest != null) {
            try {
                Proposal proposal = proposal(forest);
                model.addAttribute("proposal", proposal);
                audit.record(AuditEvent.of("topology.discovery-read", "Forest " + forest).withDetail("sites", proposal.sites().size()));
            } catch (DirectoryException e) {
                audit.record(AuditEvent.of("topology.discovery-read", "Forest " + forest).withOutcome(Outcome.FAILURE)
                        .withDetail("reason", e.getMessage()));
                model.addAttribute("error", e.getMessage());
            }
        }
        return "topology/discover";
    }

    @PostMapping
    @Transactional
    String confirm(@RequestParam String forest, @RequestParam(name = "site", required = false) List<String> chosenSites,
            RedirectAttributes redirect) {
        Proposal proposal;
        try {
            proposal = proposal(forest);
        } catch (DirectoryException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/topology/discover";
        }
        try {
            Forest stored = forests.findByDnsNameIgnoreCase(proposal.dnsName()).orElseGet(() -> forestEditor.save(null,
                    new ForestForm(proposal.dnsName(), proposal.netbiosName(), proposal.ldapsEndpoint(),
                            proposal.globalCatalogEndpoint(), proposal.asaOu(), "directory:" + forest, null)));
            List<String> added = new ArrayList<>();
            for (ProposedSite site : proposal.sites()) {
                if (!site.exists() && chosenSites != null && chosenSites.contains(site.name())) {
                    siteEditor.save(null, new SiteForm(stored.id(), site.name(), null));
                    added.add(site.name());
                }
            }
            audit.record(AuditEvent.of("topology.discovered", "Forest " + proposal.dnsName()).withDetail("connection", forest)
                    .withDetail("forestAdded", !proposal.forestExists()).withDetail("after", added.isEmpty() ? "no new site"
                            : "sites " + String.join(", ", added)));
            redirect.addFlashAttribute("success", (proposal.forestExists() ? "Forest " : "Added forest ") + proposal.dnsName()
                    + (added.isEmpty() ? "; no new site." : "; added " + added.size() + " site(s): " + String.join(", ", added) + "."));
            return "redirect:/topology/sites";
        } catch (TopologyRejected e) {
            redirect.addFlashAttribute("error", "The directory's answer can't be stored as it is: "
                    + String.join(" ", e.problems().stream().map(TopologyRejected.Problem::message).toList())
                    + " Add the forest by hand instead.");
            redirect.addAttribute("forest", forest);
            return "redirect:/topology/discover";
        }
    }

    private Proposal proposal(String forest) {
        var connection = settings.connection(forest);
        ForestFacts facts = gateway.open(connection).discover();
        ForestFacts.Domain root = facts.domains().stream()
                .filter(d -> d.namingContext() != null && d.namingContext().equalsIgnoreCase(facts.rootDomainNamingContext()))
                .findFirst().orElse(facts.domains().isEmpty() ? null : facts.domains().get(0));
        String dns = root == null ? forest : root.dnsName().toLowerCase();
        Optional<Forest> existing = forests.findByDnsNameIgnoreCase(dns);
        List<ProposedSite> proposedSites = facts.sites().stream().sorted()
                .map(s -> new ProposedSite(s, existing.flatMap(f -> sites.findByForestIdAndNameIgnoreCase(f.id(), s)).isPresent()))
                .toList();
        return new Proposal(dns, root == null ? "" : root.netbiosName(), connection.ldapsUrl(), connection.globalCatalogUrl(),
                "CN=Computers," + facts.defaultNamingContext(), existing.isPresent(), proposedSites);
    }
}
