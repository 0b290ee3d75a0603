package com.asaconsole.topology;

import static com.asaconsole.topology.TopologyEdits.checkVersion;
import static com.asaconsole.topology.TopologyEdits.checkFqdn;
import static com.asaconsole.topology.TopologyEdits.lower;
import static com.asaconsole.topology.TopologyEdits.nullSafe;
import static com.asaconsole.topology.TopologyEdits.reject;
import static com.asaconsole.topology.TopologyEdits.staleDelete;
import static com.asaconsole.topology.TopologyEdits.trim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.asaconsole.topology.TopologyRejected.Problem;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of an Exchange server: a unique FQDN, a site, a WinRM endpoint, an ASA of its own forest, the size limit; deleted only once no CAS array
 * or namespace holds it.
 */
@Service
@Transactional
class ServerEditor {

    private final ExchangeServerRepository servers;
    private final SiteRepository sites;
    private final AsaAccountRepository asas;
    private final CasArrayRepository arrays;
    private final LbNamespaceRepository namespaces;
    private final TopologyLimits size;
    private final TopologyEdits edits;

    ServerEditor(ExchangeServerRepository servers, SiteRepository sites, AsaAccountRepository asas,
            CasArrayRepository arrays, LbNamespaceRepository namespaces, TopologyLimits size, TopologyEdits edits) {
        this.servers = servers;
        this.sites = sites;
        this.asas = asas;
        this.arrays = arrays;
        this.namespaces = namespaces;
        this.size = size;
        this.edits = edits;
    }

    ExchangeServer save(Long id, ServerForm form) {
        ExchangeServer current = id == null ? null : servers.findById(id).orElseThrow(TopologyEdits::notFound);
        List<Problem> problems = problems(id, form, Set.of());
        reject(problems);
        checkVersion("Server " + (current == null ? "" : current.fqdn()), current, form.version(),
                current == null ? null : current.version(), () -> describe(current));
        String fqdn = lower(form.fqdn());
        return edits.save(() -> servers.save(toServer(id, form, current == null ? null : form.version())), "Server " + fqdn,
                current == null ? null : describe(current), this::describe);
    }

    /** Problems of one server form; {@code alsoTaken} are FQDNs earlier rows of the same import claim. */
    List<Problem> problems(Long id, ServerForm form, Set<String> alsoTaken) {
        List<Problem> problems = new ArrayList<>();
        if (id == null) {
            long now = servers.count();
            if (now + alsoTaken.size() >= size.maxServers()) {
                problems.add(new Problem(null, size.serversSentence(now, alsoTaken.size() + 1)));
            }
        }
        String fqdn = lower(form.fqdn());
        checkFqdn(problems, fqdn, servers.findByFqdnIgnoreCase(nullSafe(fqdn)).map(ExchangeServer::id), id,
                "A server named " + fqdn + " already exists.", alsoTaken);
        Optional<Site> site = form.siteId() == null ? Optional.empty() : sites.findById(form.siteId());
        if (site.isEmpty()) {
            problems.add(new Problem("siteId", "Choose the AD site the server is in."));
        }
        if (form.exchangeVersion() == null) {
            problems.add(new Problem("exchangeVersion", "Choose the Exchange version."));
        }
        if (form.operatingSystem() == null) {
            problems.add(new Problem("operatingSystem", "Choose the operating system."));
        }
        HostNames.endpointProblem(trim(form.winrmEndpoint()), "https", "http")
                .ifPresent(p -> problems.add(new Problem("winrmEndpoint", p + " Exchange's remote PowerShell is usually "
                        + "http://server.contoso.com/PowerShell.")));
        if (form.winrmAuth() == null) {
            problems.add(new Problem("winrmAuth", "Choose how the console authenticates to WinRM."));
        }
        if (form.asaAccountId() != null) {
            Optional<AsaAccount> asa = asas.findById(form.asaAccountId());
            if (asa.isEmpty()) {
                problems.add(new Problem("asaAccountId", "That ASA account no longer exists; choose another or none."));
            } else if (site.isPresent() && !asa.get().forestId().equals(site.get().forestId())) {
                problems.add(new Problem("asaAccountId", "ASA account " + asa.get().samAccountName()
                        + " is in another forest than site " + site.get().name() + "; a server can only hold an ASA of its own forest."));
            }
        }
        edits.fits(problems, toServer(id, form, null));
        return problems;
    }

    ExchangeServer toServer(Long id, ServerForm form, Integer version) {
        return new ExchangeServer(id, lower(form.fqdn()), form.siteId(), form.exchangeVersion(), form.operatingSystem(),
                trim(form.winrmEndpoint()), form.winrmAuth(), form.isStandby(), form.asaAccountId(), version);
    }

    void delete(long id, Integer version) {
        ExchangeServer server = servers.findById(id).orElseThrow(TopologyEdits::notFound);
        staleDelete("Server " + server.fqdn(), server.version(), version);
        List<String> arrayNames = arrays.findContainingServer(id).stream().map(CasArray::fqdn).toList();
        if (!arrayNames.isEmpty()) {
            throw new StillInUse(server.fqdn() + " is a member of CAS array " + String.join(", ", arrayNames)
                    + "; remove it from the array first.");
        }
        List<String> namespaceNames = namespaces.findServedBy(id).stream().map(LbNamespace::fqdn).toList();
        if (!namespaceNames.isEmpty()) {
            throw new StillInUse(server.fqdn() + " is behind namespace " + String.join(", ", namespaceNames)
                    + "; remove it from the namespace first.");
        }
        servers.delete(server);
        edits.deleted("Server " + server.fqdn(), describe(server));
    }

    private String describe(ExchangeServer s) {
        return s.fqdn() + ", " + s.exchangeVersion().label() + " on " + s.operatingSystem().label() + ", site "
                + edits.siteName(s.siteId()) + ", WinRM " + s.winrmEndpoint() + " ("
                + s.winrmAuth() + ")" + (s.standby() ? ", DR/standby" : "") + ", ASA "
                + (s.asaAccountId() == null ? "none" : asas.findById(s.asaAccountId()).map(AsaAccount::samAccountName).orElse("?"));
    }
}
