package com.asaconsole.topology;

import static com.asaconsole.topology.TopologyEdits.checkVersion;
import static com.asaconsole.topology.TopologyEdits.dnProblem;
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

/** The rules of an ASA account definition: a valid sAMAccountName for its kind, unique in its forest; deleted only once no server is planned to hold it. */
@Service
@Transactional
class AsaAccountEditor {

    private static final Pattern SAM_FORBIDDEN = Pattern.compile("[\"/\\\\\\[\\]:;|=,+*?<>@]");
    private static final Pattern COMPUTER_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,13}[A-Za-z0-9])?");
    // what the directory module creates (ForestDirectory): the console can't create any other user name
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,14}");

    private final AsaAccountRepository asas;
    private final ForestRepository forests;
    private final ExchangeServerRepository servers;
    private final TopologyEdits edits;

    AsaAccountEditor(AsaAccountRepository asas, ForestRepository forests, ExchangeServerRepository servers, TopologyEdits edits) {
        this.asas = asas;
        this.forests = forests;
        this.servers = servers;
        this.edits = edits;
    }

    AsaAccount save(Long id, AsaForm form) {
        AsaAccount current = id == null ? null : asas.findById(id).orElseThrow(TopologyEdits::notFound);
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
            problems.add(new Problem("encryptionTypes", "Enter msDS-SupportedEncryptionTypes as a number, e.g. 24 for AES128 and AES256, or leave it "
                    + "empty for unset."));
        }
        if (form.rotationDays() == null || form.rotationDays() < 1 || form.rotationDays() > 3650) {
            problems.add(new Problem("rotationDays", "Enter how often the password is rolled, in days: 1 to 3650 (the script's default is every 21 days)."));
        }
        forest.ifPresent(f -> unique(problems, "samAccountName",
                asas.findByForestIdAndSamAccountNameIgnoreCase(f.id(), nullSafe(sam)).map(AsaAccount::id), id,
                "Forest " + f.dnsName() + " already has an ASA account named " + sam + "."));
        edits.fits(problems, new AsaAccount(id, form.forestId(), sam, form.kind(), trim(form.ou()), etypes, false,
                form.rotationDays() == null ? 0 : form.rotationDays(), null));
        reject(problems);
        checkVersion("ASA account " + (current == null ? "" : current.samAccountName()), current, form.version(),
                current == null ? null : current.version(), () -> describe(current));
        boolean neverExpires = form.kind() == AsaKind.USER ? form.neverExpires() : form.kind() == AsaKind.COMPUTER;
        return edits.save(() -> asas.save(new AsaAccount(id, form.forestId(), sam, form.kind(), trim(form.ou()),
                etypes == null || etypes == 0 ? null : etypes, neverExpires, form.rotationDays(),
                current == null ? null : form.version())), "ASA account " + sam, current == null ? null : describe(current),
                AsaAccountEditor::describe);
    }

    void delete(long id, Integer version) {
        AsaAccount asa = asas.findById(id).orElseThrow(TopologyEdits::notFound);
        staleDelete("ASA account " + asa.samAccountName(), asa.version(), version);
        List<String> held = servers.findByAsaAccountId(id).stream().map(ExchangeServer::fqdn).sorted().toList();
        if (!held.isEmpty()) {
            throw new StillInUse("ASA account " + asa.samAccountName() + " is planned for " + String.join(", ", held)
                    + "; assign " + (held.size() == 1 ? "that server" : "those servers") + " another ASA or none first.");
        }
        asas.delete(asa);
        edits.deleted("ASA account " + asa.samAccountName(), describe(asa));
    }

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

    private static String describe(AsaAccount a) {
        return a.samAccountName() + ", " + a.kind().label() + ", OU " + a.ou() + ", encryption types "
                + (a.encryptionTypes() == null ? "unset" : a.encryptionTypes()) + ", rolled every " + a.rotationDays() + " days";
    }
}
