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
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.asaconsole.topology.TopologyRejected.Problem;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * What every topology editor ({@link ForestEditor}, {@link SiteEditor}, {@link AsaAccountEditor},
 * {@link ServerEditor}, {@link CasArrayEditor}, {@link NamespaceEditor}) does alike: field sentences,
 * unique names, optimistic locking and edit conflicts, and the audit record of each save and deletion.
 */
@Component
@EnableConfigurationProperties(TopologyLimits.class)
class TopologyEdits {

    private static final Pattern DN_PART = Pattern.compile("(?i)(OU|CN|DC)=[^,=]+(,(OU|CN|DC)=[^,=]+)*");

    private final AuditTrail audit;
    private final FieldLimits limits;
    private final SiteRepository sites;
    private final ExchangeServerRepository servers;

    TopologyEdits(AuditTrail audit, FieldLimits limits, SiteRepository sites, ExchangeServerRepository servers) {
        this.audit = audit;
        this.limits = limits;
        this.sites = sites;
        this.servers = servers;
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such item: it may have been deleted.");
    }

    /** Adds a sentence for each text the database column can't hold, unless that field already has one. */
    void fits(List<Problem> problems, Object candidate) {
        for (FieldLimits.Violation v : limits.violations(candidate)) {
            if (problems.stream().noneMatch(p -> v.field().equals(p.field()))) {
                problems.add(new Problem(v.field(), v.message()));
            }
        }
    }

    static void reject(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new TopologyRejected(problems);
        }
    }

    static void unique(List<Problem> problems, String field, Optional<Long> existing, Long self, String message) {
        if (existing.isPresent() && !existing.get().equals(self)) {
            problems.add(new Problem(field, message));
        }
    }

    /** An FQDN field: a valid host name, held by no other item of its kind, not twice in one import ({@code alsoTaken}: earlier rows). */
    static void checkFqdn(List<Problem> problems, String fqdn, Optional<Long> holder, Long self, String taken, Set<String> alsoTaken) {
        HostNames.fqdnProblem(fqdn).ifPresent(p -> problems.add(new Problem("fqdn", p)));
        unique(problems, "fqdn", holder, self, taken);
        if (fqdn != null && alsoTaken.contains(fqdn)) {
            problems.add(new Problem("fqdn", fqdn + " appears twice in the import."));
        }
    }

    static Optional<Boolean> ascii(List<Problem> problems, String field, String value) {
        Optional<String> p = HostNames.nonAscii(value, true);
        p.ifPresent(message -> problems.add(new Problem(field, message)));
        return p.map(x -> true);
    }

    static void checkVersion(String what, Object current, Integer formVersion, Integer currentVersion, Supplier<String> describe) {
        if (current != null && !Objects.equals(formVersion, currentVersion)) {
            throw new EditConflict(what, currentVersion, describe.get());
        }
    }

    static void staleDelete(String what, Integer current, Integer seen) {
        if (seen != null && !seen.equals(current)) {
            throw new EditConflict(what);
        }
    }

    /** Saves and records what the item was before and is after (before is null for a new item). */
    <T> T save(Supplier<T> action, String what, String before, Function<T, String> after) {
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

    /** Records a deletion with what the item was. */
    void deleted(String what, String before) {
        audit.record(AuditEvent.of("topology.deleted", what).withDetail("before", before));
    }

    /** A site's name for an audit description. */
    String siteName(Long siteId) {
        return sites.findById(siteId).map(Site::name).orElse("?");
    }

    /** Servers' names, sorted, for an audit description. */
    String serverNames(List<Long> serverIds) {
        List<String> names = new ArrayList<>();
        servers.findAllById(new HashSet<>(serverIds)).forEach(s -> names.add(s.fqdn()));
        return names.isEmpty() ? "none" : names.stream().sorted().collect(Collectors.joining(", "));
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

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String trim(String s) {
        return s == null ? null : s.strip();
    }

    static String lower(String s) {
        return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
    }

    static String upper(String s) {
        return s == null ? null : s.strip().toUpperCase(Locale.ROOT);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String nullSafe(String s) {
        return s == null ? "" : s;
    }
}
