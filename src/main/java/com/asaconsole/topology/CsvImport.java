package com.asaconsole.topology;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.asaconsole.topology.TopologyRejected.Problem;

import com.asaconsole.audit.AuditEvent;
import com.asaconsole.audit.AuditTrail;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A pasted CSV of servers or namespaces. Every row is checked with the same rules as the forms;
 * if any row is wrong, nothing is saved and each wrong row gets its sentences.
 */
@Service
class CsvImport {

    static final String SERVER_COLUMNS = "fqdn,site,version,os,winrm_endpoint,winrm_auth,standby,asa";
    static final String NAMESPACE_COLUMNS = "fqdn,scope,services,site,servers";

    record RowError(int line, String text, List<String> messages) {
    }

    record Outcome(int count, List<RowError> errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    private final ServerEditor serverEditor;
    private final NamespaceEditor namespaceEditor;
    private final SiteRepository sites;
    private final ForestRepository forests;
    private final AsaAccountRepository asas;
    private final ExchangeServerRepository servers;
    private final LbNamespaceRepository namespaces;
    private final TopologyLimits limits;
    private final AuditTrail audit;

    CsvImport(ServerEditor serverEditor, NamespaceEditor namespaceEditor, SiteRepository sites, ForestRepository forests, AsaAccountRepository asas,
            ExchangeServerRepository servers, LbNamespaceRepository namespaces, TopologyLimits limits, AuditTrail audit) {
        this.audit = audit;
        this.serverEditor = serverEditor;
        this.namespaceEditor = namespaceEditor;
        this.limits = limits;
        this.forests = forests;
        this.sites = sites;
        this.asas = asas;
        this.servers = servers;
        this.namespaces = namespaces;
    }

    @Transactional
    Outcome importServers(String csv) {
        List<RowError> errors = new ArrayList<>();
        List<ServerForm> forms = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String[]> rows = rows(csv, SERVER_COLUMNS, 8, errors);
        long now = servers.count();
        if (now + rows.size() > limits.maxServers()) {
            return new Outcome(0, List.of(new RowError(0, "", List.of(limits.serversSentence(now, rows.size())))));
        }
        int index = 0;
        for (String[] cells : rows) {
            int line = Integer.parseInt(cells[cells.length - 1]);
            String text = cells[cells.length - 2];
            List<String> messages = new ArrayList<>();
            Long siteId = site(cells[1], messages);
            ExchangeVersion version = exchangeVersion(cells[2], messages);
            WindowsServer os = windows(cells[3], messages);
            WinRmAuth auth = parseEnum(WinRmAuth.class, cells[5], "winrm_auth", "KERBEROS or NTLM", messages);
            Boolean standby = yesNo(cells[6], messages);
            Long asaId = asa(cells[7], messages);
            ServerForm form = new ServerForm(cells[0], siteId, version, os, cells[4], auth, Boolean.TRUE.equals(standby), asaId, null);
            if (messages.isEmpty()) {
                for (Problem p : serverEditor.problems(null, form, seen)) {
                    messages.add(column(p.field()) + ": " + p.message());
                }
            }
            if (cells[0] != null) {
                seen.add(cells[0].strip().toLowerCase(Locale.ROOT));
            }
            if (!messages.isEmpty()) {
                errors.add(new RowError(line, text, messages));
            }
            forms.add(form);
            index++;
        }
        if (!errors.isEmpty() || forms.isEmpty()) {
            if (forms.isEmpty() && errors.isEmpty()) {
                errors.add(new RowError(0, "", List.of("Paste at least one row under the header " + SERVER_COLUMNS + ".")));
            }
            audit.record(AuditEvent.of("topology.imported", "Server CSV").withOutcome(com.asaconsole.audit.Outcome.REFUSED)
                    .withDetail("rowsWithErrors", errors.size()));
            return new Outcome(0, inLineOrder(errors));
        }
        forms.forEach(f -> servers.save(serverEditor.toServer(null, f, null)));
        audit.record(AuditEvent.of("topology.imported", "Server CSV").withDetail("count", index)
                .withDetail("after", forms.stream().map(f -> TopologyEdits.lower(f.fqdn())).collect(java.util.stream.Collectors.joining(", "))));
        return new Outcome(index, List.of());
    }

    @Transactional
    Outcome importNamespaces(String csv) {
        List<RowError> errors = new ArrayList<>();
        List<NamespaceForm> forms = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String[]> rows = rows(csv, NAMESPACE_COLUMNS, 5, errors);
        long now = namespaces.count();
        if (now + rows.size() > limits.maxNamespaces()) {
            return new Outcome(0, List.of(new RowError(0, "", List.of(limits.namespacesSentence(now, rows.size())))));
        }
        for (String[] cells : rows) {
            int line = Integer.parseInt(cells[cells.length - 1]);
            String text = cells[cells.length - 2];
            List<String> messages = new ArrayList<>();
            NamespaceScope scope = parseEnum(NamespaceScope.class, cells[1], "scope", "INTERNAL, EXTERNAL or BOTH", messages);
            Set<ExchangeService> services = EnumSet.noneOf(ExchangeService.class);
            for (String service : split(cells[2])) {
                ExchangeService parsed = parseEnum(ExchangeService.class, service, "services",
                        "RPC, EWS, OAB, AUTODISCOVER, OUTLOOK_ANYWHERE, MAPI_HTTP, OWA or ECP, separated by ;", messages);
                if (parsed != null) {
                    services.add(parsed);
                }
            }
            List<Long> siteIds = new ArrayList<>();
            for (String site : split(cells[3])) {
                Long siteId = site(site, messages);
                if (siteId != null) {
                    siteIds.add(siteId);
                }
            }
            List<Long> serverIds = new ArrayList<>();
            for (String fqdn : split(cells[4])) {
                Optional<ExchangeServer> server = servers.findByFqdnIgnoreCase(fqdn);
                if (server.isEmpty()) {
                    messages.add("servers: no server named " + fqdn + " is modelled; add it first.");
                } else {
                    serverIds.add(server.get().id());
                }
            }
            NamespaceForm form = new NamespaceForm(cells[0], scope, services, siteIds, serverIds, null);
            if (messages.isEmpty()) {
                for (Problem p : namespaceEditor.problems(null, form, seen)) {
                    messages.add(column(p.field()) + ": " + p.message());
                }
            }
            if (cells[0] != null) {
                seen.add(cells[0].strip().toLowerCase(Locale.ROOT));
            }
            if (!messages.isEmpty()) {
                errors.add(new RowError(line, text, messages));
            }
            forms.add(form);
        }
        if (forms.isEmpty() && errors.isEmpty()) {
            errors.add(new RowError(0, "", List.of("Paste at least one row under the header " + NAMESPACE_COLUMNS + ".")));
        }
        if (!errors.isEmpty()) {
            audit.record(AuditEvent.of("topology.imported", "Namespace CSV").withOutcome(com.asaconsole.audit.Outcome.REFUSED)
                    .withDetail("rowsWithErrors", errors.size()));
            return new Outcome(0, inLineOrder(errors));
        }
        forms.forEach(f -> namespaces.save(namespaceEditor.toNamespace(null, f, null)));
        audit.record(AuditEvent.of("topology.imported", "Namespace CSV").withDetail("count", forms.size())
                .withDetail("after", forms.stream().map(f -> TopologyEdits.lower(f.fqdn())).collect(java.util.stream.Collectors.joining(", "))));
        return new Outcome(forms.size(), List.of());
    }

    /** Cells of each data row, then the row's text and line number; the header line is optional. */
    private static List<String[]> rows(String csv, String header, int columns, List<RowError> errors) {
        List<String[]> rows = new ArrayList<>();
        String[] lines = csv == null ? new String[0] : csv.split("\\r?\\n");
        for (int i = 0; i < lines.length; i++) {
            String text = lines[i];
            if (text.isBlank() || text.strip().startsWith("#")) {
                continue;
            }
            if (text.strip().replace(" ", "").equalsIgnoreCase(header)) {
                continue;
            }
            String[] cells = text.split(",", -1);
            if (cells.length != columns) {
                errors.add(new RowError(i + 1, text, List.of(countProblem(text, cells.length, header, columns))));
                continue;
            }
            String[] withMeta = new String[columns + 2];
            for (int c = 0; c < columns; c++) {
                withMeta[c] = cells[c].strip();
            }
            withMeta[columns] = text;
            withMeta[columns + 1] = Integer.toString(i + 1);
            rows.add(withMeta);
        }
        return rows;
    }

    /** Why a row has the wrong number of values, in the words that help: which separator goes where. */
    static String countProblem(String text, int found, String header, int columns) {
        if (found < columns && text.split(";", -1).length == columns) {
            // a spreadsheet saved with ; between columns (as Excel does in many locales)
            return "This row separates its values with ; but the columns are separated by commas (" + header
                    + "); use ; only between several services or servers inside one column.";
        }
        String expected = "Expected " + columns + " values (" + header + "), found " + found + ".";
        if (found > columns && (header.contains("services") || header.contains("servers"))) {
            return expected + " Several services or servers inside one column are separated by ; (a comma starts a new column).";
        }
        return expected;
    }

    /** The rows' errors in the order of their lines, whatever check found them. */
    private static List<RowError> inLineOrder(List<RowError> errors) {
        return errors.stream().sorted(java.util.Comparator.comparingInt(RowError::line)).toList();
    }

    /** A site by name, or by forest/name where several forests have a site of that name. */
    private Long site(String cell, List<String> messages) {
        String forest = cell.contains("/") ? cell.substring(0, cell.indexOf('/')) : null;
        String name = cell.contains("/") ? cell.substring(cell.indexOf('/') + 1) : cell;
        java.util.Map<Long, String> forestNames = new java.util.HashMap<>();
        forests.findAll().forEach(f -> forestNames.put(f.id(), f.dnsName()));
        List<Site> matches = sites.findAll().stream().filter(s -> s.name().equalsIgnoreCase(name))
                .filter(s -> forest == null || forest.equalsIgnoreCase(forestNames.get(s.forestId()))).toList();
        if (matches.isEmpty()) {
            messages.add("site: no AD site named " + cell + " is modelled; add it first.");
            return null;
        }
        if (matches.size() > 1) {
            messages.add("site: several forests have a site named " + name + "; write it as forest/site, e.g. contoso.com/" + name + ".");
            return null;
        }
        return matches.get(0).id();
    }

    private Long asa(String name, List<String> messages) {
        if (name.isEmpty() || name.equalsIgnoreCase("none")) {
            return null;
        }
        String sam = name.contains("\\") ? name.substring(name.indexOf('\\') + 1) : name;
        List<AsaAccount> matches = asas.findAll().stream().filter(a -> a.samAccountName().equalsIgnoreCase(sam)).toList();
        if (matches.size() != 1) {
            messages.add("asa: " + (matches.isEmpty() ? "no ASA account named " + sam + " is modelled; add it first or leave the column empty."
                    : "several forests have an ASA account named " + sam + "."));
            return null;
        }
        return matches.get(0).id();
    }

    private static ExchangeVersion exchangeVersion(String value, List<String> messages) {
        String v = value.toUpperCase(Locale.ROOT).replace("EXCHANGE", "").replace("_", "").replace(" ", "");
        for (ExchangeVersion version : ExchangeVersion.values()) {
            if (version.name().replace("EXCHANGE_", "").equals(v)) {
                return version;
            }
        }
        messages.add("version: write 2010, 2013, 2016, 2019 or SE, not \"" + value + "\".");
        return null;
    }

    private static WindowsServer windows(String value, List<String> messages) {
        String v = value.toUpperCase(Locale.ROOT).replace("WINDOWS", "").replace("SERVER", "").replace(" ", "").replace("_", "");
        for (WindowsServer os : WindowsServer.values()) {
            if (os.name().replace("WS", "").replace("_", "").equals(v)) {
                return os;
            }
        }
        messages.add("os: write 2008R2, 2012, 2012R2, 2016, 2019, 2022 or 2025, not \"" + value + "\".");
        return null;
    }

    private static Boolean yesNo(String value, List<String> messages) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "yes", "true", "y", "1" -> {
                return true;
            }
            case "no", "false", "n", "0", "" -> {
                return false;
            }
            default -> {
                messages.add("standby: write yes or no, not \"" + value + "\".");
                return null;
            }
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String column, String expected,
            List<String> messages) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('/', '_').replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            messages.add(column + ": write " + expected + ", not \"" + value + "\".");
            return null;
        }
    }

    private static List<String> split(String cell) {
        List<String> parts = new ArrayList<>();
        for (String part : cell.split(";")) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }

    private static String column(String field) {
        if (field == null) {
            return "row";
        }
        return switch (field) {
            case "siteId", "siteIds" -> "site";
            case "asaAccountId" -> "asa";
            case "winrmEndpoint" -> "winrm_endpoint";
            case "serverIds" -> "servers";
            default -> field;
        };
    }
}
