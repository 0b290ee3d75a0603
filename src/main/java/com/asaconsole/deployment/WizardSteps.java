package com.asaconsole.deployment;

import java.util.ArrayList;
import java.util.List;

import com.asaconsole.deployment.steps.ChangeScope;
import com.asaconsole.deployment.steps.ConvertOab;
import com.asaconsole.topology.ExchangeService;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

/**
 * The deployment wizard's steps, numbered once for the dashboard, the wizard pages, the change
 * document, the manual scripts and the README: what each is for, which executor steps carry it
 * out, and its prerequisites. Their operations are the executor steps' own rendering.
 */
public final class WizardSteps {

    /** One wizard step. {@code onRequest}: chosen on purpose only, never part of "every step that applies". */
    public record Definition(int number, String key, String title, String why, String purpose, String notApplicable,
            List<String> executorSteps, boolean onRequest) {
    }

    public enum Status { MET, UNMET, AT_RUN_TIME }

    public record Prerequisite(String text, Status status) {
    }

    public static final List<Definition> ALL = List.of(
            new Definition(1, "create-account", "Create the ASA account",
                    "A computer account with AES encryption types (msDS-SupportedEncryptionTypes 24).",
                    "Creates each planned ASA in Active Directory with its encryption types and a generated password.",
                    "No ASA is planned for any server.", List.of("create-account", "set-encryption-types"), false),
            new Definition(2, "deploy-credential", "Deploy the credential to every CAS member",
                    "Before any SPN is added, DR servers included; the AD password changes only after every member holds the new one.",
                    "Gives every server of each ASA (DR/standby servers included) the same new credential, all members in parallel, "
                            + "then sets that password in Active Directory once every member holds it.",
                    "No ASA is planned for any server.", List.of("deploy-credential", "reset-password"), false),
            new Definition(3, "add-member", "Add a member: copy the credential to a new server",
                    "On request: a server that joined later gets the credential before it takes traffic.",
                    "Gives a server that joined later the credential its ASA's other members hold, without a new password, before the "
                            + "load balancer sends it traffic. Choose this step on purpose: it is not part of a full deployment.",
                    "No ASA is planned for two or more servers.", List.of("copy-credential"), true),
            new Definition(4, "convert-oab", "Convert the OAB virtual directory (Exchange 2010 only)",
                    "ConvertOABVDir.ps1 on each Exchange 2010 server, so OAB downloads can use the ASA.",
                    "Runs Microsoft's ConvertOABVDir.ps1 (a separate download) on each Exchange 2010 server.",
                    "No Exchange 2010 server holds an ASA in this plan; Exchange 2013+ needs no conversion.", List.of("convert-oab"), false),
            new Definition(5, "assign-spns", "Register the SPNs on the ASA",
                    "Only once every member serving the name holds the credential; checked forest-wide first, moved from a CAS "
                            + "computer account when the plan says so.",
                    "Registers each planned SPN on its ASA after a forest-wide check; an SPN the plan moves is removed from its "
                            + "holder first.", "The plan has no SPN.", List.of("assign-spns"), false),
            new Definition(6, "enable-negotiate", "Enable Negotiate on Outlook Anywhere and MAPI (Exchange 2013+)",
                    "Outlook offers Kerberos to Exchange 2013+; OAuth and NTLM stay.",
                    "Lets Outlook offer Kerberos to Exchange 2013+ servers; the MAPI virtual directory keeps OAuth and NTLM.",
                    "No Exchange 2013+ server holds an ASA in this plan.", List.of("enable-negotiate"), false),
            new Definition(7, "verify", "Verify Kerberos on every member",
                    "One owner per SPN, an AES ticket from the KDC, and a Kerberos logon accepted by each server.",
                    "Checks every SPN's single owner and the ticket the KDC issues, and every member's credential and Kerberos logon.",
                    "Nothing to verify: no ASA is planned for any server.", List.of("verify-directory", "verify-members"), false),
            new Definition(8, "protect-account", "Protect the ASA from deletion and mark it",
                    "On request: a stale-computer clean-up (or a slip in ADUC) deletes a computer account that never logs on.",
                    "Denies Everyone Delete and Delete subtree on each ASA and Delete child objects on its container (\"Protect object "
                            + "from accidental deletion\") and sets the description clean-up scripts read. Choose this step on purpose: it is not part "
                                    + "of a full deployment.",
                    "No ASA is planned for any server.", List.of("protect-account"), true));

    public static final List<String> ORDERING = List.of(
            "The credential is deployed to the servers before any SPN is added, and the SPN step refuses to add an SPN until every "
                    + "member serving its name reports the ASA's current credential (read from the members when it runs).",
            "When the password is rolled, every server gets the new credential before the AD password is reset; the reset refuses to "
                    + "run until every member reports the new one.",
            "Each SPN is checked forest-wide first (setspn -F -Q); it is added with duplicate refusal (setspn -S). An SPN on a CAS "
                    + "computer account or another ASA of the estate is moved only when the plan shows the move.");

    private WizardSteps() {
    }

    public static List<String> keys() {
        return ALL.stream().map(Definition::key).toList();
    }

    public static Definition find(String key) {
        return ALL.stream().filter(d -> d.key().equals(key)).findFirst()
                .orElseThrow(() -> new ChangeRefused("There is no wizard step " + key + "."));
    }

    public static boolean applies(Definition step, ChangeScope scope) {
        List<AsaInfo> accounts = scope.accounts();
        return switch (step.key()) {
        case "create-account", "deploy-credential", "verify", "protect-account" -> !accounts.isEmpty();
        case "convert-oab" -> legacy(scope).size() > 0;
        case "assign-spns" -> !scope.spns().isEmpty();
        case "enable-negotiate" -> !modern(scope).isEmpty();
        case "add-member" -> accounts.stream().anyMatch(a -> scope.servers(a).size() > 1);
        default -> false;
        };
    }

    private static List<ServerInfo> legacy(ChangeScope scope) {
        return scope.members().stream().filter(s -> s.version().isLegacy()).toList();
    }

    private static List<ServerInfo> modern(ChangeScope scope) {
        return scope.members().stream().filter(s -> !s.version().isLegacy()).toList();
    }

    public static List<Prerequisite> prerequisites(Definition step, ChangeScope scope) {
        List<Prerequisite> pre = new ArrayList<>();
        var plan = scope.document().plan();
        pre.add(plan.blocked() ? new Prerequisite("The plan has no BLOCK finding (it has " + plan.blocking().size() + ")", Status.UNMET)
                : new Prerequisite("The plan has no BLOCK finding", Status.MET));
        switch (step.key()) {
        case "create-account" -> scope.accounts().forEach(asa -> {
            pre.add(new Prerequisite("OU " + asa.ou() + " exists and the console's bind account may create objects in it", Status.AT_RUN_TIME));
            pre.add(new Prerequisite("No account named " + asa.samAccountName() + " exists in " + asa.forest() + " elsewhere than at the planned DN",
                    Status.AT_RUN_TIME));
        });
        case "deploy-credential" -> scope.members().forEach(s -> pre.add(new Prerequisite("MSExchangeServiceHost is running on " + s.fqdn()
                + " (it loads the credential) and the console reaches it over WinRM (HTTPS, Kerberos)", Status.AT_RUN_TIME)));
        case "convert-oab" -> {
            pre.add(new Prerequisite("ConvertOABVDir.ps1 (a separate download from Microsoft) is at "
                    + ConvertOab.CONVERT.scriptPath() + " on each Exchange 2010 server", Status.AT_RUN_TIME));
            legacy(scope).stream().filter(s -> s.os() != null && s.os().isWindows2012Family())
                    .forEach(s -> pre.add(new Prerequisite(s.fqdn() + " runs " + s.os().label()
                            + ": the script sets the OAB app pool to .NET 4.0 and breaks OAB (KB 2961921); the console leaves it alone",
                            Status.UNMET)));
        }
        case "assign-spns" -> {
            pre.add(new Prerequisite("Every member serving each name reports the ASA's current credential as Latest (step 2 done)",
                    Status.AT_RUN_TIME));
            pre.add(new Prerequisite("No account outside the plan's moves holds a planned SPN (setspn -F -Q)", Status.AT_RUN_TIME));
            if (scope.spns().isEmpty()) {
                pre.add(new Prerequisite("The plan has SPNs", Status.UNMET));
            }
        }
        case "enable-negotiate" -> {
            pre.add(new Prerequisite("Step 5 registered the http/ SPNs", Status.AT_RUN_TIME));
            pre.add(new Prerequisite("Outlook clients meet the minimum builds (Outlook 2013 SP1 + Dec 2014 CU, Outlook 2010 SP2 + Jan 2015 CU)",
                    Status.AT_RUN_TIME));
            if (scope.document().topology().namespaces().stream().noneMatch(n -> n.services().contains(ExchangeService.MAPI_HTTP))) {
                pre.add(new Prerequisite("No namespace carries MAPI/HTTP: the MAPI virtual directory gets Negotiate anyway, harmlessly",
                        Status.MET));
            }
        }
        case "verify" -> pre.add(new Prerequisite("Steps 1, 2 and 4 to 6 that apply completed, and a probe identity is set for each "
                + "forest", Status.AT_RUN_TIME));
        case "protect-account" -> scope.accounts().forEach(asa -> pre.add(new Prerequisite(asa.samAccountName() + " exists and the "
                + "console's bind account may change its permissions (Write permissions; it owns the accounts it created)", Status.AT_RUN_TIME)));
        case "add-member" -> {
            pre.add(new Prerequisite("Another member of the ASA holds its current credential (the source named below)", Status.AT_RUN_TIME));
            pre.add(new Prerequisite("The new member is not yet in the load balancer's pool", Status.AT_RUN_TIME));
        }
        default -> {
        }
        }
        return pre;
    }
}
