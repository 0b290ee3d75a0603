package com.asaconsole.topology;

import com.asaconsole.audit.AuditEvent;
import com.asaconsole.audit.AuditTrail;
import com.asaconsole.input.FieldLimits;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.asaconsole.topology.Forms.AsaForm;
import com.asaconsole.topology.Forms.CasArrayForm;
import com.asaconsole.topology.Forms.ForestForm;
import com.asaconsole.topology.Forms.NamespaceForm;
import com.asaconsole.topology.Forms.ServerForm;
import com.asaconsole.topology.Forms.SiteForm;
import com.asaconsole.topology.TopologyRejected.Problem;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Every change to the topology goes through here, from the pages, the CSV import and the API alike:
 * validation with a sentence per field, unique names, references that must exist, deletions refused
 * while something refers to the item, and optimistic locking.
 */
@Service
@Transactional
@org.springframework.boot.context.properties.EnableConfigurationProperties(TopologyLimits.class)
class TopologyEditor {

    private final AuditTrail audit;
    private final FieldLimits limits;
    private final TopologyLimits size;

    private static final Pattern NETBIOS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,14}");
    private static final Pattern SAM_FORBIDDEN = Pattern.compile("[\"/\\\\\\[\\]:;|=,+*?<>@]");
    private static final Pattern SITE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");
    private static final Pattern DN_PART = Pattern.compile("(?i)(OU|CN|DC)=[^,=]+(,(OU|CN|DC)=[^,=]+)*");

    private final ForestRepository forests;
    private final SiteRepository sites;
    private final AsaAccountRepository asas;
    private final ExchangeServerRepository servers;
    private final CasArrayRepository arrays;
    private final LbNamespaceRepository namespaces;

    TopologyEditor(ForestRepository forests, SiteRepository sites, AsaAccountRepository asas,
            ExchangeServerRepository servers, CasArrayRepository arrays, LbNamespaceRepository namespaces, AuditTrail audit,
            FieldLimits limits, TopologyLimits size) {
        this.audit = audit;
        this.limits = limits;
        this.size = size;
        this.forests = forests;
        this.sites = sites;
        this.asas = asas;
        this.servers = servers;
        this.arrays = arrays;
        this.namespaces = namespaces;
    }

    // ---------------------------------------------------------------- forests

    Forest saveForest(Long id, ForestForm form) {
        Forest current = id == null ? null : forests.findById(id).orElseThrow(TopologyEditor::notFound);
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
        fits(problems, new Forest(id, dns, netbios, trim(form.ldapsEndpoint()), trim(form.globalCatalogEndpoint()), trim(form.asaOu()),
                credential, null));
        reject(problems);
        checkVersion("Forest " + (current == null ? "" : current.dnsName()), current, form.version(),
                current == null ? null : current.version(), () -> describe(current));
        return save(() -> forests.save(new Forest(id, dns, netbios, trim(form.ldapsEndpoint()),
                trim(form.globalCatalogEndpoint()), trim(form.asaOu()), credential, current == null ? null : form.version())),
                "Forest " + dns, current == null ? null : describe(current), TopologyEditor::describe);
    }

    void deleteForest(long id, Integer version) {
        Forest forest = forests.findById(id).orElseThrow(TopologyEditor::notFound);
        staleDelete("Forest " + forest.dnsName(), forest.version(), version);
        long siteCount = sites.countByForestId(id);
        long asaCount = asas.countByForestId(id);
        if (siteCount > 0 || asaCount > 0) {
            throw new StillInUse("Forest " + forest.dnsName() + " still has " + plural(siteCount, "site") + " and "
                    + plural(asaCount, "ASA account") + "; delete them first.");
        }
        forests.delete(forest);
        audit.record(AuditEvent.of("topology.deleted", "Forest " + forest.dnsName()).withDetail("before", describe(forest)));
    }

    // ---------------------------------------------------------------- sites

    Site saveSite(Long id, SiteForm form) {
        Site current = id == null ? null : sites.findById(id).orElseThrow(TopologyEditor::notFound);
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
        fits(problems, new Site(id, form.forestId(), name, null));
        reject(problems);
        checkVersion("Site " + (current == null ? "" : current.name()), current, form.version(),
                current == null ? null : current.version(), () -> "name " + current.name());
        return save(() -> sites.save(new Site(id, form.forestId(), name, current == null ? null : form.version())), "Site " + name,
                current == null ? null : "name " + current.name(), saved -> "name " + saved.name());
    }

    void deleteSite(long id, Integer version) {
        Site site = sites.findById(id).orElseThrow(TopologyEditor::notFound);
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
        audit.record(AuditEvent.of("topology.deleted", "Site " + site.name()).withDetail("before", "name " + site.name()));
    }

    // ---------------------------------------------------------------- ASA accounts

    AsaAccount saveAsa(Long id, AsaForm form) {
        AsaAccount current = id == null ? null : asas.findById(id).orElseThrow(TopologyEditor::notFound);
        List<Problem> problems = new ArrayList<>();
        Optional<Forest> forest = form.forestId() == null ? Optional.empty() : forests.findById(form.forestId());
        if (forest.isEmpty()) {
            problems.add(new Problem("forestId", "Choose the forest the account is created in."));
        }
        if (form.kind() == null) {
            problems.add(new Problem("kind", "Choose the kind of account: a computer account is preferred."));
        }
        String sam = trim(form.samAccountName());
        samProblem(sam, form.kind()).ifPresent(p -> problems.add(new Problem("samAccountName", p)));
        dnProblem(trim(form.ou())).ifPresent(p -> problems.add(new Problem("ou", p)));
        Integer etypes = form.encryptionTypes();
        if (etypes != null && (etypes < 0 || etypes > 0x7FFFFFFF)) {
            problems.add(new Problem("encryptionTypes", "Enter msDS-SupportedEncryptionTypes as a number, e.g. 24 for AES128 and AES256, or leave it empty for unset."));
        }
        if (form.rotationDays() == null || form.rotationDays() < 1 || form.rotationDays() > 3650) {
            problems.add(new Problem("rotationDays", "Enter how often the password is rolled, in days: 1 to 3650 (the script's default is every 21 days)."));
        }
        forest.ifPresent(f -> unique(problems, "samAccountName",
                asas.findByForestIdAndSamAccountNameIgnoreCase(f.id(), nullSafe(sam)).map(AsaAccount::id), id,
                "Forest " + f.dnsName() + " already has an ASA account named " + sam + "."));
        fits(problems, new AsaAccount(id, form.forestId(), sam, form.kind(), trim(form.ou()), etypes, false,
                form.rotationDays() == null ? 0 : form.rotationDays(), null));
        reject(problems);
        checkVersion("ASA account " + (current == null ? "" : current.samAccountName()), current, form.version(),
                current == null ? null : current.version(), () -> describe(current));
        boolean neverExpires = form.kind() == AsaKind.USER ? form.neverExpires() : form.kind() == AsaKind.COMPUTER;
        return save(() -> asas.save(new AsaAccount(id, form.forestId(), sam, form.kind(), trim(form.ou()),
                etypes == null || etypes == 0 ? null : etypes, neverExpires, form.rotationDays(),
                current == null ? null : form.version())), "ASA account " + sam, current == null ? null : describe(current),
                TopologyEditor::describe);
    }

    void deleteAsa(long id, Integer version) {
        AsaAccount asa = asas.findById(id).orElseThrow(TopologyEditor::notFound);
        staleDelete("ASA account " + asa.samAccountName(), asa.version(), version);
        List<String> held = servers.findByAsaAccountId(id).stream().map(ExchangeServer::fqdn).sorted().toList();
        if (!held.isEmpty()) {
            throw new StillInUse("ASA account " + asa.samAccountName() + " is planned for " + String.join(", ", held)
                    + "; assign " + (held.size() == 1 ? "that server" : "those servers") + " another ASA or none first.");
        }
        asas.delete(asa);
        audit.record(AuditEvent.of("topology.deleted", "ASA account " + asa.samAccountName()).withDetail("before", describe(asa)));
    }

    // ---------------------------------------------------------------- servers

    ExchangeServer saveServer(Long id, ServerForm form) {
        ExchangeServer current = id == null ? null : servers.findById(id).orElseThrow(TopologyEditor::notFound);
        List<Problem> problems = serverProblems(id, form, Set.of());
        reject(problems);
        checkVersion("Server " + (current == null ? "" : current.fqdn()), current, form.version(),
                current == null ? null : current.version(), () -> describe(current));
        String fqdn = lower(form.fqdn());
        return save(() -> servers.save(toServer(id, form, current == null ? null : form.version())), "Server " + fqdn,
                current == null ? null : describe(current), this::describe);
    }

    /** Problems of one server form; {@code alsoTaken} are FQDNs earlier rows of the same import claim. */
    List<Problem> serverProblems(Long id, ServerForm form, Set<String> alsoTaken) {
        List<Problem> problems = new ArrayList<>();
        if (id == null) {
            long now = servers.count();
            if (now + alsoTaken.size() >= size.maxServers()) {
                problems.add(new Problem(null, size.serversSentence(now, alsoTaken.size() + 1)));
            }
        }
        String fqdn = lower(form.fqdn());
        HostNames.fqdnProblem(fqdn).ifPresent(p -> problems.add(new Problem("fqdn", p)));
        unique(problems, "fqdn", servers.findByFqdnIgnoreCase(nullSafe(fqdn)).map(ExchangeServer::id), id,
                "A server named " + fqdn + " already exists.");
        if (fqdn != null && alsoTaken.contains(fqdn)) {
            problems.add(new Problem("fqdn", fqdn + " appears twice in the import."));
        }
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
                .ifPresent(p -> problems.add(new Problem("winrmEndpoint", p + " Exchange's remote PowerShell is usually http://server.contoso.com/PowerShell.")));
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
        fits(problems, toServer(id, form, null));
        return problems;
    }

    ExchangeServer toServer(Long id, ServerForm form, Integer version) {
        return new ExchangeServer(id, lower(form.fqdn()), form.siteId(), form.exchangeVersion(), form.operatingSystem(),
                trim(form.winrmEndpoint()), form.winrmAuth(), form.isStandby(), form.asaAccountId(), version);
    }

    void deleteServer(long id, Integer version) {
        ExchangeServer server = servers.findById(id).orElseThrow(TopologyEditor::notFound);
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
        audit.record(AuditEvent.of("topology.deleted", "Server " + server.fqdn()).withDetail("before", describe(server)));
    }

    // ---------------------------------------------------------------- CAS arrays

    CasArray saveArray(Long id, CasArrayForm form) {
        CasArray current = id == null ? null : arrays.findById(id).orElseThrow(TopologyEditor::notFound);
        List<Problem> problems = new ArrayList<>();
        String fqdn = lower(form.fqdn());
        HostNames.fqdnProblem(fqdn).ifPresent(p -> problems.add(new Problem("fqdn", p)));
        unique(problems, "fqdn", arrays.findByFqdnIgnoreCase(nullSafe(fqdn)).map(CasArray::id), id,
                "A CAS array named " + fqdn + " already exists.");
        if (form.siteId() == null || sites.findById(form.siteId()).isEmpty()) {
            problems.add(new Problem("siteId", "Choose the AD site of the array (one RPC Client Access array per site)."));
        }
        for (Long memberId : form.memberIds()) {
            Optional<ExchangeServer> member = servers.findById(memberId);
            if (member.isEmpty()) {
                problems.add(new Problem("memberIds", "A chosen member no longer exists; reload the page."));
            } else if (member.get().exchangeVersion() != ExchangeVersion.EXCHANGE_2010) {
                problems.add(new Problem("memberIds", member.get().fqdn() + " runs " + member.get().exchangeVersion().label()
                        + "; RPC Client Access arrays hold Exchange 2010 servers only."));
            } else if (form.siteId() != null && !member.get().siteId().equals(form.siteId())) {
                problems.add(new Problem("memberIds", member.get().fqdn() + " is in another AD site; an array's members are in its site."));
            }
        }
        fits(problems, new CasArray(id, fqdn, form.siteId(), Set.of(), null));
        reject(problems);
        checkVersion("CAS array " + (current == null ? "" : current.fqdn()), current, form.version(),
                current == null ? null : current.version(), () -> describe(current));
        Set<CasArray.Member> members = form.memberIds().stream().distinct().map(CasArray.Member::new).collect(Collectors.toSet());
        return save(() -> arrays.save(new CasArray(id, fqdn, form.siteId(), members, current == null ? null : form.version())),
                "CAS array " + fqdn, current == null ? null : describe(current), this::describe);
    }

    void deleteArray(long id, Integer version) {
        CasArray array = arrays.findById(id).orElseThrow(TopologyEditor::notFound);
        staleDelete("CAS array " + array.fqdn(), array.version(), version);
        arrays.delete(array);
        audit.record(AuditEvent.of("topology.deleted", "CAS array " + array.fqdn()).withDetail("before", describe(array)));
    }

    // ---------------------------------------------------------------- namespaces

    LbNamespace saveNamespace(Long id, NamespaceForm form) {
        LbNamespace current = id == null ? null : namespaces.findById(id).orElseThrow(TopologyEditor::notFound);
        reject(namespaceProblems(id, form, Set.of()));
        checkVersion("Namespace " + (current == null ? "" : current.fqdn()), current, form.version(),
                current == null ? null : current.version(), () -> describe(current));
        return save(() -> namespaces.save(toNamespace(id, form, current == null ? null : form.version())),
                "Namespace " + lower(form.fqdn()), current == null ? null : describe(current), this::describe);
    }

    List<Problem> namespaceProblems(Long id, NamespaceForm form, Set<String> alsoTaken) {
        List<Problem> problems = new ArrayList<>();
        if (id == null) {
            long now = namespaces.count();
            if (now + alsoTaken.size() >= size.maxNamespaces()) {
                problems.add(new Problem(null, size.namespacesSentence(now, alsoTaken.size() + 1)));
            }
        }
        String fqdn = lower(form.fqdn());
        HostNames.fqdnProblem(fqdn).ifPresent(p -> problems.add(new Problem("fqdn", p)));
        unique(problems, "fqdn", namespaces.findByFqdnIgnoreCase(nullSafe(fqdn)).map(LbNamespace::id), id,
                "A namespace named " + fqdn + " already exists.");
        if (fqdn != null && alsoTaken.contains(fqdn)) {
            problems.add(new Problem("fqdn", fqdn + " appears twice in the import."));
        }
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
        fits(problems, toNamespace(id, form, null));
        return problems;
    }

    LbNamespace toNamespace(Long id, NamespaceForm form, Integer version) {
        Set<LbNamespace.Backend> backends = form.serverIds().stream().distinct().map(LbNamespace.Backend::new)
                .collect(Collectors.toSet());
        Set<LbNamespace.SiteRef> siteRefs = form.siteIds().stream().map(LbNamespace.SiteRef::new).collect(Collectors.toSet());
        return new LbNamespace(id, lower(form.fqdn()), form.scope(), LbNamespace.encode(form.services()), siteRefs, backends, version);
    }

    void deleteNamespace(long id, Integer version) {
        LbNamespace namespace = namespaces.findById(id).orElseThrow(TopologyEditor::notFound);
        staleDelete("Namespace " + namespace.fqdn(), namespace.version(), version);
        namespaces.delete(namespace);
        audit.record(AuditEvent.of("topology.deleted", "Namespace " + namespace.fqdn()).withDetail("before", describe(namespace)));
    }

    // ---------------------------------------------------------------- helpers

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such item: it may have been deleted.");
    }

    /** Adds a sentence for each text the database column can't hold, unless that field already has one. */
    private void fits(List<Problem> problems, Object candidate) {
        for (FieldLimits.Violation v : limits.violations(candidate)) {
            if (problems.stream().noneMatch(p -> v.field().equals(p.field()))) {
                problems.add(new Problem(v.field(), v.message()));
            }
        }
    }

    private static void reject(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new TopologyRejected(problems);
        }
    }

    private static void unique(List<Problem> problems, String field, Optional<Long> existing, Long self, String message) {
        if (existing.isPresent() && !existing.get().equals(self)) {
            problems.add(new Problem(field, message));
        }
    }

    private static Optional<Boolean> ascii(List<Problem> problems, String field, String value) {
        Optional<String> p = HostNames.nonAscii(value, true);
        p.ifPresent(message -> problems.add(new Problem(field, message)));
        return p.map(x -> true);
    }

    private static void checkVersion(String what, Object current, Integer formVersion, Integer currentVersion,
            java.util.function.Supplier<String> describe) {
        if (current != null && !Objects.equals(formVersion, currentVersion)) {
            throw new EditConflict(what, currentVersion, describe.get());
        }
    }

    private static void staleDelete(String what, Integer current, Integer seen) {
        if (seen != null && !seen.equals(current)) {
            throw new EditConflict(what);
        }
    }

    /** Saves and records what the item was before and is after (before is null for a new item). */
    private <T> T save(java.util.function.Supplier<T> action, String what, String before, Function<T, String> after) {
        try {
            T saved = action.get();
            // in the same transaction: no audit record, no change
            AuditEvent event = AuditEvent.of("topology.saved", what).withDetail("after", after.apply(saved));
            audit.record(before == null ? event.withDetail("created", "yes") : event.withDetail("before", before));
            return saved;
        } catch (OptimisticLockingFailureException e) {
            // another editor saved between our check and our write
            throw new EditConflict(what);
        }
    }

    static Optional<String> dnProblem(String dn) {
        if (dn == null || dn.isBlank()) {
            return Optional.of("Enter the distinguished name of the OU, e.g. OU=Service Accounts,DC=contoso,DC=com.");
        }
        Optional<String> ascii = HostNames.nonAscii(dn, true);
        if (ascii.isPresent()) {
            return ascii;
        }
        if (!DN_PART.matcher(dn).matches() || !dn.toUpperCase(Locale.ROOT).contains("DC=") || !parses(dn)) {
            return Optional.of("Enter a distinguished name such as OU=Service Accounts,DC=contoso,DC=com (OU=, CN= and DC= parts separated by commas).");
        }
        return Optional.empty();
    }

    /** What the directory (and JNDI) can use as a DN: a plus sign, a double quote, a semicolon and angle brackets mean something there. */
    private static boolean parses(String dn) {
        try {
            new javax.naming.ldap.LdapName(dn);
            return !dn.matches(".*[+\";<>\\\\].*");
        } catch (javax.naming.InvalidNameException e) {
            return false;
        }
    }

    private static final java.util.regex.Pattern COMPUTER_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,13}[A-Za-z0-9])?");
    // what the directory module creates (ForestDirectory): the console can't create any other user name
    private static final java.util.regex.Pattern USER_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,14}");

    static Optional<String> samProblem(String sam, AsaKind kind) {
        if (sam == null || sam.isBlank()) {
            return Optional.of("Enter the account's sAMAccountName, e.g. EXCH-ASA$ for a computer account.");
        }
        Optional<String> ascii = HostNames.nonAscii(sam, false);
        if (ascii.isPresent()) {
            return ascii;
        }
        if (SAM_FORBIDDEN.matcher(sam).find()) {
            return Optional.of("A sAMAccountName can't contain \" / \\ [ ] : ; | = , + * ? < > @.");
        }
        boolean dollar = sam.endsWith("$");
        if (kind == AsaKind.COMPUTER || kind == AsaKind.GMSA) {
            if (!dollar || sam.length() < 2 || sam.length() > 16) {
                return Optional.of("A computer account's sAMAccountName is 1 to 15 characters followed by $, e.g. EXCH-ASA$.");
            }
            // its Kerberos keys are salted with host/<name>.<domain>: the name must be a DNS host label
            if (!COMPUTER_NAME.matcher(sam.substring(0, sam.length() - 1)).matches()) {
                return Optional.of("A computer account's name is a host name: letters, digits and hyphens (not at either end), "
                        + "then $, e.g. EXCH-ASA$.");
            }
        } else if (sam.length() > 20) {
            return Optional.of("A user account's sAMAccountName has at most 20 characters.");
        } else if (!USER_NAME.matcher(sam).matches()) {
            return Optional.of("Use up to 15 letters, digits, '.', '_' or '-' for a user account the console creates, starting with a "
                    + "letter or digit (no $, quotes or brackets), e.g. exch-asa.");
        }
        return Optional.empty();
    }

    private static String describe(Forest f) {
        return "DNS name " + f.dnsName() + ", NetBIOS " + f.netbiosName() + ", LDAPS " + f.ldapsEndpoint() + ", GC "
                + f.globalCatalogEndpoint() + ", ASA OU " + f.asaOu();
    }

    private static String describe(AsaAccount a) {
        return a.samAccountName() + ", " + a.kind().label() + ", OU " + a.ou() + ", encryption types "
                + (a.encryptionTypes() == null ? "unset" : a.encryptionTypes()) + ", rolled every " + a.rotationDays() + " days";
    }

    private String describe(ExchangeServer s) {
        return s.fqdn() + ", " + s.exchangeVersion().label() + " on " + s.operatingSystem().label() + ", site "
                + sites.findById(s.siteId()).map(Site::name).orElse("?") + ", WinRM " + s.winrmEndpoint() + " ("
                + s.winrmAuth() + ")" + (s.standby() ? ", DR/standby" : "") + ", ASA "
                + (s.asaAccountId() == null ? "none" : asas.findById(s.asaAccountId()).map(AsaAccount::samAccountName).orElse("?"));
    }

    private String describe(CasArray a) {
        return a.fqdn() + ", members " + names(a.members().stream().map(CasArray.Member::serverId).toList());
    }

    private String describe(LbNamespace n) {
        return n.fqdn() + ", " + n.scope().label() + ", sites " + n.siteIds().stream()
                .map(siteId -> sites.findById(siteId).map(Site::name).orElse("?")).sorted().collect(Collectors.joining(", "))
                + ", services " + n.serviceSet().stream().map(ExchangeService::label)
                .collect(Collectors.joining(", ")) + ", servers " + names(n.servers().stream().map(LbNamespace.Backend::serverId).toList());
    }

    private String names(List<Long> serverIds) {
        List<String> names = new ArrayList<>();
        servers.findAllById(new HashSet<>(serverIds)).forEach(s -> names.add(s.fqdn()));
        return names.isEmpty() ? "none" : names.stream().sorted().collect(Collectors.joining(", "));
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String trim(String s) {
        return s == null ? null : s.strip();
    }

    static String lower(String s) {
        return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
    }

    private static String upper(String s) {
        return s == null ? null : s.strip().toUpperCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nullSafe(String s) {
        return s == null ? "" : s;
    }

    static <T, K> java.util.Map<K, T> index(List<T> items, Function<T, K> key) {
        return items.stream().collect(Collectors.toMap(key, Function.identity()));
    }
}
