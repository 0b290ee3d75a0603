package com.asaconsole.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.asaconsole.topology.AsaKind;
import com.asaconsole.topology.ExchangeService;
import com.asaconsole.topology.TopologySnapshot.AsaInfo;
import com.asaconsole.topology.TopologySnapshot.ForestInfo;
import com.asaconsole.topology.TopologySnapshot.ServerInfo;

/**
 * The deployment wizard as a preview: for each step, its prerequisites, the exact operations it
 * will perform and the ordering rules. Pure; nothing here runs anything. Secrets are always ********.
 */
public final class Wizard {

    public static final String MASK = "********";

    public enum Status { MET, UNMET, AT_RUN_TIME }

    public record Prerequisite(String text, Status status) {
    }

    /** kind: LDAP, POWERSHELL, SETSPN or CHECK; target: the DC, server or client it runs against. */
    public record Operation(String kind, String target, String text) {
    }

    public record Step(int number, String key, String title, String purpose, boolean applies, String notApplicable,
            List<Prerequisite> prerequisites, List<Operation> operations, List<String> ordering) {
    }

    public static final List<String> KEYS = List.of("create-account", "deploy-credential", "add-member", "convert-oab", "assign-spns",
            "enable-negotiate", "verify");

    /** Steps chosen on purpose only: a change of "every step that applies" leaves them out. */
    public static final List<String> ON_REQUEST = List.of("add-member");

    private static final List<String> ORDERING = List.of(
            "The credential is deployed to the servers before any SPN is added; SPNs first would break Kerberos for clients.",
            "When the password is rolled, every server gets the new credential before the AD password is reset; if any server fails, AD is not reset.",
            "Each SPN is checked forest-wide first (setspn -F -Q must find nothing), then added with duplicate refusal (setspn -S).");

    private Wizard() {
    }

    public static List<Step> steps(PlanDocument document) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < KEYS.size(); i++) {
            steps.add(step(document, KEYS.get(i), i + 1));
        }
        return steps;
    }

    public static Step step(PlanDocument document, String key, int number) {
        Context c = new Context(document);
        return switch (key) {
            case "create-account" -> c.createAccount(number);
            case "deploy-credential" -> c.deployCredential(number);
            case "add-member" -> c.addMember(number);
            case "convert-oab" -> c.convertOab(number);
            case "assign-spns" -> c.assignSpns(number);
            case "enable-negotiate" -> c.enableNegotiate(number);
            case "verify" -> c.verify(number);
            default -> throw new IllegalArgumentException("No wizard step " + key);
        };
    }

    private static final class Context {
        private final PlanDocument document;
        private final Map<String, ForestInfo> forests;

        Context(PlanDocument document) {
            this.document = document;
            this.forests = document.topology().forests().stream().collect(Collectors.toMap(ForestInfo::dnsName, Function.identity()));
        }

        private List<AsaInfo> accounts() {
            return document.topology().asaAccounts().stream().filter(a -> !servers(a).isEmpty()).toList();
        }

        private List<ServerInfo> servers(AsaInfo asa) {
            return document.topology().servers().stream().filter(s -> asa.name().equals(s.asa())).toList();
        }

        private Prerequisite noBlock() {
            return document.plan().blocked()
                    ? new Prerequisite("The plan has no BLOCK finding (it has " + document.plan().blocking().size() + ")", Status.UNMET)
                    : new Prerequisite("The plan has no BLOCK finding", Status.MET);
        }

        private Prerequisite hasAccounts() {
            return accounts().isEmpty() ? new Prerequisite("At least one ASA is planned for a server", Status.UNMET)
                    : new Prerequisite("At least one ASA is planned for a server", Status.MET);
        }

        private String dc(AsaInfo asa) {
            ForestInfo forest = forests.get(asa.forest());
            return forest == null ? asa.forest() : forest.ldapsEndpoint();
        }

        private static String cn(AsaInfo asa) {
            return asa.samAccountName().endsWith("$") ? asa.samAccountName().substring(0, asa.samAccountName().length() - 1)
                    : asa.samAccountName();
        }

        static String dn(AsaInfo asa) {
            return "CN=" + cn(asa) + "," + asa.ou();
        }

        Step createAccount(int n) {
            List<Operation> ops = new ArrayList<>();
            List<Prerequisite> pre = new ArrayList<>(List.of(noBlock(), hasAccounts()));
            for (AsaInfo asa : accounts()) {
                pre.add(new Prerequisite("OU " + asa.ou() + " exists and the console's bind account may create objects in it", Status.AT_RUN_TIME));
                pre.add(new Prerequisite("No object named " + asa.samAccountName() + " exists in " + asa.forest(), Status.AT_RUN_TIME));
                int etypes = asa.encryptionTypes() == null ? 24 : asa.encryptionTypes();
                String attributes;
                if (asa.kind() == AsaKind.COMPUTER) {
                    attributes = "objectClass: top, person, organizationalPerson, user, computer\n"
                            + "cn: " + cn(asa) + "\nsAMAccountName: " + asa.samAccountName() + "\n"
                            + "userAccountControl: 4096 (WORKSTATION_TRUST_ACCOUNT)\n";
                } else {
                    attributes = "objectClass: top, person, organizationalPerson, user\n"
                            + "cn: " + cn(asa) + "\nsAMAccountName: " + asa.samAccountName() + "\n"
                            + "userAccountControl: " + (asa.passwordNeverExpires() ? "66048 (NORMAL_ACCOUNT, DONT_EXPIRE_PASSWORD)" : "512 (NORMAL_ACCOUNT)") + "\n";
                }
                ops.add(new Operation("LDAP", dc(asa), "ADD " + dn(asa) + "\n" + attributes
                        + "msDS-SupportedEncryptionTypes: " + etypes + "\n"
                        + "description: Exchange Alternate Service Account (ASA Console)\n"
                        + "unicodePwd: " + MASK + " (a generated password, 73 characters, kept in the console's secrets store)"));
                ops.add(new Operation("LDAP", dc(asa), "READ " + dn(asa) + " attributes objectSid, msDS-SupportedEncryptionTypes, userAccountControl (verify)"));
            }
            return new Step(n, "create-account", "Create the ASA account",
                    "Creates each planned ASA in Active Directory with AES encryption types.", !accounts().isEmpty(),
                    "No ASA is planned for any server.", pre, ops, ORDERING);
        }

        Step deployCredential(int n) {
            List<Operation> ops = new ArrayList<>();
            List<Prerequisite> pre = new ArrayList<>(List.of(noBlock(), hasAccounts(),
                    new Prerequisite("Step 1 created the account and its password is in the secrets store", Status.AT_RUN_TIME)));
            for (AsaInfo asa : accounts()) {
                for (ServerInfo server : servers(asa)) {
                    pre.add(new Prerequisite("MSExchangeServiceHost is running on " + server.fqdn() + " (it loads the credential)", Status.AT_RUN_TIME));
                    String cmdlet = server.version().usesClientAccessServerCmdlets() ? "Set-ClientAccessServer" : "Set-ClientAccessService";
                    ops.add(new Operation("POWERSHELL", server.fqdn() + " via " + server.winrmEndpoint() + " (" + server.winrmAuth() + ")",
                            "$credential = New-Object System.Management.Automation.PSCredential('" + asa.name() + "', (ConvertTo-SecureString '"
                                    + MASK + "' -AsPlainText -Force))\n"
                                    + cmdlet + " -Identity " + server.shortName() + " -AlternateServiceAccountCredential $credential"
                                    + " -CleanUpInvalidAlternateServiceAccountCredentials -Confirm:$false"
                                    + (server.standby() ? "\n# DR/standby server: it must hold the credential before it is activated" : "")));
                }
            }
            return new Step(n, "deploy-credential", "Deploy the credential to the CAS members",
                    "Gives every server of each ASA (DR/standby servers included) the same credential, one server at a time.",
                    !accounts().isEmpty(), "No ASA is planned for any server.", pre, ops, ORDERING);
        }

        Step addMember(int n) {
            List<Operation> ops = new ArrayList<>();
            List<Prerequisite> pre = new ArrayList<>(List.of(noBlock(),
                    new Prerequisite("At least one member of the ASA already holds its current credential (the source)", Status.AT_RUN_TIME),
                    new Prerequisite("The new member is not yet in the load balancer's pool", Status.AT_RUN_TIME)));
            boolean applies = false;
            for (AsaInfo asa : accounts()) {
                List<ServerInfo> servers = servers(asa);
                if (servers.size() < 2) {
                    continue;
                }
                applies = true;
                for (ServerInfo server : servers) {
                    String cmdlet = server.version().usesClientAccessServerCmdlets() ? "Set-ClientAccessServer" : "Set-ClientAccessService";
                    ops.add(new Operation("POWERSHELL", server.fqdn() + " via " + server.winrmEndpoint() + " (" + server.winrmAuth() + ")",
                            "# only if " + server.shortName() + " does not hold " + asa.name() + " yet:\n"
                                    + cmdlet + " -Identity " + server.shortName() + " -AlternateServiceAccountCredential <copied from a member that holds it>"
                                    + " -Confirm:$false   # as RollAlternateServiceAccountPassword.ps1 -CopyFrom"));
                }
            }
            return new Step(n, "add-member", "Add a member: copy the credential to a new server",
                    "Gives a server that joined later the credential its ASA's other members hold, without a new password, "
                            + "before the load balancer sends it traffic. Choose this step on purpose: it is not part of a full deployment.",
                    applies, "No ASA is planned for two or more servers.", pre, ops, ORDERING);
        }

        Step convertOab(int n) {
            List<ServerInfo> legacy = document.topology().servers().stream().filter(s -> s.asa() != null && s.version().isLegacy()).toList();
            List<Prerequisite> pre = new ArrayList<>(List.of(noBlock(),
                    new Prerequisite("Step 2 deployed the credential to these servers", Status.AT_RUN_TIME)));
            List<Operation> ops = new ArrayList<>();
            for (ServerInfo server : legacy) {
                if (server.os() != null && server.os().isWindows2012Family()) {
                    pre.add(new Prerequisite(server.fqdn() + " runs " + server.os().label()
                            + ": the script sets the OAB app pool to .NET 4.0 and breaks OAB (KB 2961921); plan the fix", Status.UNMET));
                }
                ops.add(new Operation("POWERSHELL", server.fqdn() + " (on the server itself, Exchange Management Shell)",
                        "Set-Location $exscripts\n.\\ConvertOABVDir.ps1"));
            }
            return new Step(n, "convert-oab", "Convert the OAB virtual directory (Exchange 2010 only)",
                    "Lets OAB downloads use the ASA on Exchange 2010 servers.", !legacy.isEmpty(),
                    "No Exchange 2010 server holds an ASA in this plan; Exchange 2013+ needs no conversion.", pre, ops, ORDERING);
        }

        Step assignSpns(int n) {
            List<Operation> ops = new ArrayList<>();
            List<Prerequisite> pre = new ArrayList<>(List.of(noBlock(),
                    new Prerequisite("Step 2 deployed the credential to at least one, ideally every, server of the ASA", Status.AT_RUN_TIME),
                    new Prerequisite("No planned SPN is registered on any account in the forest (setspn -F -Q finds nothing)", Status.AT_RUN_TIME)));
            if (document.plan().spns().isEmpty()) {
                pre.add(new Prerequisite("The plan has SPNs", Status.UNMET));
            }
            Map<String, AsaInfo> asas = document.topology().asaAccounts().stream().collect(Collectors.toMap(AsaInfo::name, Function.identity()));
            for (PlannedSpn spn : document.plan().spns()) {
                AsaInfo asa = asas.get(spn.asa());
                ForestInfo forest = asa == null ? null : forests.get(asa.forest());
                ops.add(new Operation("SETSPN", "Global Catalog " + (forest == null ? "" : forest.globalCatalogEndpoint()),
                        "setspn -F -Q " + spn.spn() + "   # must report: No such SPN found."));
                ops.add(new Operation("LDAP", asa == null ? spn.asa() : dc(asa), "MODIFY " + (asa == null ? spn.asa() : dn(asa))
                        + "\nadd: servicePrincipalName\nservicePrincipalName: " + spn.spn()
                        + "\n# same as: setspn -S " + spn.spn() + " " + spn.asa()));
            }
            return new Step(n, "assign-spns", "Assign the SPNs",
                    "Registers each planned SPN on its ASA, after a forest-wide check that no other account holds it.",
                    !document.plan().spns().isEmpty(), "The plan has no SPN.", pre, ops, ORDERING);
        }

        Step enableNegotiate(int n) {
            List<ServerInfo> modern = document.topology().servers().stream().filter(s -> s.asa() != null && !s.version().isLegacy()).toList();
            boolean mapi = document.topology().namespaces().stream().anyMatch(ns -> ns.services().contains(ExchangeService.MAPI_HTTP));
            List<Prerequisite> pre = new ArrayList<>(List.of(noBlock(),
                    new Prerequisite("Step " + number("assign-spns") + " registered the http/ SPNs", Status.AT_RUN_TIME),
                    new Prerequisite("Outlook clients meet the minimum builds (Outlook 2013 SP1 + Dec 2014 CU, Outlook 2010 SP2 + Jan 2015 CU)", Status.AT_RUN_TIME)));
            List<Operation> ops = new ArrayList<>();
            for (ServerInfo server : modern) {
                String target = server.fqdn() + " via " + server.winrmEndpoint() + " (" + server.winrmAuth() + ")";
                ops.add(new Operation("POWERSHELL", target, "Set-OutlookAnywhere -Identity '" + server.shortName()
                        + "\\Rpc (Default Web Site)' -InternalClientAuthenticationMethod Negotiate"));
                if (mapi) {
                    ops.add(new Operation("POWERSHELL", target, "Set-MapiVirtualDirectory -Identity '" + server.shortName()
                            + "\\mapi (Default Web Site)' -IISAuthenticationMethods Ntlm,Negotiate"
                            + "\n# hybrid / OAuth: read the current list first and append Negotiate; never drop OAuth"));
                }
            }
            return new Step(n, "enable-negotiate", "Enable Negotiate on Outlook Anywhere and MAPI (Exchange 2013+)",
                    "Lets Outlook offer Kerberos to Exchange 2013+ servers.", !modern.isEmpty(),
                    "No Exchange 2013+ server holds an ASA in this plan.", pre, ops, ORDERING);
        }

        Step verify(int n) {
            List<Operation> ops = new ArrayList<>();
            for (AsaInfo asa : accounts()) {
                for (ServerInfo server : servers(asa)) {
                    String cmdlet = server.version().usesClientAccessServerCmdlets() ? "Get-ClientAccessServer" : "Get-ClientAccessService";
                    ops.add(new Operation("POWERSHELL", server.fqdn() + " via " + server.winrmEndpoint(), cmdlet + " -Identity " + server.shortName()
                            + " -IncludeAlternateServiceAccountCredentialStatus | Format-List Name, AlternateServiceAccountConfiguration"
                            + "\n# expect Latest: <date>, " + asa.name()));
                }
            }
            for (PlannedSpn spn : document.plan().spns()) {
                ops.add(new Operation("SETSPN", "Global Catalog", "setspn -Q " + spn.spn() + "   # expect exactly one account: " + spn.asa()));
                ops.add(new Operation("CHECK", "KDC", "Request a service ticket for " + spn.spn()
                        + "; expect encryption type AES256 (0x12) and the ASA's current key version"));
            }
            List<Prerequisite> pre = List.of(noBlock(),
                    new Prerequisite("Steps 1 to " + (number("verify") - 1) + " that this change runs completed", Status.AT_RUN_TIME));
            return new Step(n, "verify", "Verify", "Checks every server's credential, every SPN's single owner and the ticket the KDC issues.",
                    !ops.isEmpty(), "Nothing to verify: no ASA is planned for any server.", pre, ops, ORDERING);
        }
    }

    /** A step's number as the wizard shows it, so that texts naming another step stay right when steps are added. */
    static int number(String key) {
        return KEYS.indexOf(key) + 1;
    }

    static String lower(String s) {
        return Objects.requireNonNull(s).toLowerCase(Locale.ROOT);
    }
}
