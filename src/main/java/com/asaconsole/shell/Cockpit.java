package com.asaconsole.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.asaconsole.deployment.ChangeRequest;
import com.asaconsole.deployment.ChangeRequests;
import com.asaconsole.deployment.DeploymentJob;
import com.asaconsole.deployment.Jobs;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.directory.ForestSettings;
import com.asaconsole.directory.SpnInventory;
import com.asaconsole.identity.ConsoleUser;
import com.asaconsole.identity.Role;
import com.asaconsole.planning.Finding;
import com.asaconsole.planning.PlanDocument;
import com.asaconsole.planning.PlanVersions;
import com.asaconsole.planning.Severity;
import com.asaconsole.topology.Topology;

import org.springframework.stereotype.Component;

/**
 * The dashboard's answer to "where are we on the road to Kerberos?", for the person asking: the estate at a glance,
 * the plan and what blocks it (each with a link to the item to fix), changes waiting for them, running or paused
 * jobs, the last SPN scans, and the one next step to take. Read only; assembled from the modules' own APIs.
 */
@Component
class Cockpit {

    /** A finding with the page where it is fixed (null when no single item is to blame). */
    record Fix(Severity severity, String sentence, String fix, String link) {
    }

    /** The newest scan of a forest and how many duplicate SPNs it found. */
    record ScanSummary(String forest, SpnInventory.Scan scan, Integer duplicates) {
    }

    /** One step of the road; {@code state} is done, current or ahead. */
    record Milestone(String title, String state) {
    }

    /** The one thing to do next, as a sentence and a link. */
    record NextStep(String sentence, String label, String link) {
    }

    record View(Topology.Counts counts, String planHash, boolean planStored, Integer latestVersion, long blocks, long warnings,
            List<Fix> fixes, long spns, List<ChangeRequest> waitingForMe, List<ChangeRequest> readyToRun, List<DeploymentJob> jobs,
            List<ScanSummary> scans, NextStep next, List<Milestone> road) {
    }

    private static final int SHOWN_FIXES = 6;

    private final Topology topology;
    private final PlanVersions plans;
    private final ChangeRequests changes;
    private final Jobs jobs;
    private final DirectorySettings directory;
    /** At most this many open changes are read for the dashboard (waiting for review, or approved and not yet run). */
    static final int OPEN_SHOWN = 50;

    private final SpnInventory inventory;

    Cockpit(Topology topology, PlanVersions plans, ChangeRequests changes, Jobs jobs, DirectorySettings directory, SpnInventory inventory) {
        this.topology = topology;
        this.plans = plans;
        this.changes = changes;
        this.jobs = jobs;
        this.directory = directory;
        this.inventory = inventory;
    }

    View view(ConsoleUser me) {
        Topology.Counts counts = topology.counts();
        // the live plan and its hash are computed once per state of the topology, not per visit
        PlanVersions.Live live = plans.currentWithHash();
        PlanDocument current = live.document();
        String hash = live.contentHash();
        Optional<PlanVersions.Stored> latest = plans.latest();
        boolean stored = latest.map(v -> v.contentHash().equals(hash)).orElse(false);
        List<Finding> findings = current.plan().findings();
        long blocks = findings.stream().filter(f -> f.severity() == Severity.BLOCK).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARN).count();
        List<Fix> fixes = findings.stream().filter(f -> f.severity() != Severity.INFO)
                .sorted((a, b) -> a.severity().compareTo(b.severity())).limit(SHOWN_FIXES)
                .map(f -> new Fix(f.severity(), f.sentence(), f.fix(), topology.editPath(f.subject()).orElse(null))).toList();

        boolean reviewer = me.roles().contains(Role.APPROVER);
        boolean admin = me.roles().contains(Role.ADMIN);
        // the open changes only (each carries its frozen operations, megabytes for a large estate): never every change
        List<ChangeRequest> open = changes.open(OPEN_SHOWN);
        List<ChangeRequest> waiting = reviewer ? open.stream().filter(c -> c.status() == ChangeRequest.Status.SUBMITTED)
                .filter(c -> !c.submittedById().equals(me.stableId())).toList() : List.of();
        List<ChangeRequest> ready = admin ? open.stream().filter(c -> c.status() == ChangeRequest.Status.APPROVED)
                .filter(c -> jobs.forChange(c.id()).isEmpty()).filter(c -> changes.whyNotRunnable(c.id()).isEmpty()).toList() : List.of();
        List<DeploymentJob> recent = jobs.recent();
        List<DeploymentJob> active = admin || reviewer ? recent.stream()
                .filter(j -> j.active() || j.status() == DeploymentJob.Status.PAUSED).toList() : List.of();
        List<ScanSummary> scans = new ArrayList<>();
        for (ForestSettings forest : directory.all()) {
            SpnInventory.Scan scan = inventory.latest(forest.forest()).orElse(null);
            Integer duplicates = scan != null && scan.status() == SpnInventory.Status.FINISHED ? inventory.duplicates(scan.id()).size() : null;
            scans.add(new ScanSummary(forest.forest(), scan, duplicates));
        }
        Optional<DeploymentJob> succeeded = recent.stream().filter(j -> j.status() == DeploymentJob.Status.SUCCEEDED).findFirst();
        Optional<ChangeRequest> forLatest = latest.flatMap(v -> changes.latestFor(v.number()));
        NextStep next = next(me, counts, blocks, stored, latest, waiting, ready, active, forLatest, succeeded);
        return new View(counts, hash, stored, latest.map(PlanVersions.Stored::number).orElse(null), blocks, warnings, fixes,
                current.plan().spns().size(), waiting, ready, active, scans, next,
                road(counts, blocks, stored, forLatest, succeeded));
    }

    private static NextStep next(ConsoleUser me, Topology.Counts counts, long blocks, boolean stored, Optional<PlanVersions.Stored> latest,
            List<ChangeRequest> waiting, List<ChangeRequest> ready, List<DeploymentJob> active, Optional<ChangeRequest> forLatest,
            Optional<DeploymentJob> succeeded) {
        boolean admin = me.roles().contains(Role.ADMIN);
        Optional<DeploymentJob> paused = active.stream().filter(j -> j.status() == DeploymentJob.Status.PAUSED).findFirst();
        if (admin && paused.isPresent()) {
            return new NextStep("Job #" + paused.get().id() + " is paused: " + paused.get().reason(), "Retry, skip or abort it",
                    "/jobs/" + paused.get().id());
        }
        if (!waiting.isEmpty()) {
            ChangeRequest c = waiting.get(0);
            return new NextStep("Change #" + c.id() + " (plan version " + c.planVersion() + ") waits for your review.", "Review it",
                    "/changes/" + c.id());
        }
        if (!admin) {
            if (me.roles().contains(Role.APPROVER)) {
                return new NextStep("Nothing waits for your review. Read what happened in the audit trail.", "Open the audit trail", "/audit");
            }
            return new NextStep("Look up an SPN, a host or an account to see whether Kerberos can work for it.", "Look up an SPN",
                    "/spn-status");
        }
        if (!ready.isEmpty()) {
            return new NextStep("Change #" + ready.get(0).id() + " is approved and may run now.", "Run it", "/changes/" + ready.get(0).id());
        }
        Optional<DeploymentJob> running = active.stream().filter(DeploymentJob::active).findFirst();
        if (running.isPresent()) {
            return new NextStep("Job #" + running.get().id() + " is running.", "Watch it", "/jobs/" + running.get().id());
        }
        if (counts.forests() == 0) {
            return new NextStep("Start by modelling the estate: the AD forest, fill it from the directory or enter it.", "Add a forest",
                    "/topology/forests/new");
        }
        if (counts.servers() == 0 || counts.namespaces() == 0) {
            return new NextStep("Model the Client Access servers and the load-balanced names clients use.",
                    counts.servers() == 0 ? "Add a server" : "Add a namespace",
                    counts.servers() == 0 ? "/topology/servers/new" : "/topology/namespaces/new");
        }
        if (blocks > 0) {
            return new NextStep("The plan has " + blocks + " BLOCK finding(s); fix them in the topology first.", "See the plan", "/plans");
        }
        if (!stored) {
            return new NextStep("The plan changed since the last stored version: store it to walk the wizard and submit it.", "Open the plan",
                    "/plans");
        }
        if (forLatest.isEmpty() && latest.isPresent()) {
            return new NextStep("Plan version " + latest.get().number() + " is stored: submit it for a reviewer's approval.", "Submit it",
                    "/plans/" + latest.get().number());
        }
        if (forLatest.isPresent() && forLatest.get().status() == ChangeRequest.Status.SUBMITTED) {
            return new NextStep("Change #" + forLatest.get().id() + " waits for a reviewer (someone other than its submitter).",
                    "See the change", "/changes/" + forLatest.get().id());
        }
        if (succeeded.isPresent()) {
            return new NextStep("The last job succeeded. Scan the forest for duplicate SPNs and check an SPN from the helpdesk view.",
                    "Scan the inventory", "/inventory");
        }
        return new NextStep("Read the changes and their state.", "Open the changes", "/changes");
    }

    private static List<Milestone> road(Topology.Counts counts, long blocks, boolean stored, Optional<ChangeRequest> forLatest,
            Optional<DeploymentJob> succeeded) {
        boolean modelled = counts.servers() > 0 && counts.namespaces() > 0;
        boolean planned = modelled && blocks == 0 && stored;
        boolean submitted = planned && forLatest.isPresent();
        boolean approved = submitted && forLatest.get().status() == ChangeRequest.Status.APPROVED;
        boolean ran = approved && succeeded.isPresent();
        boolean[] done = { modelled, planned, submitted, approved, ran };
        String[] titles = { "Model the estate", "Plan the ASA and its SPNs", "Submit a change", "A second person approves", "Run it and verify" };
        List<Milestone> road = new ArrayList<>();
        boolean currentGiven = false;
        for (int i = 0; i < titles.length; i++) {
            String state = done[i] ? "done" : currentGiven ? "ahead" : "current";
            currentGiven |= !done[i];
            road.add(new Milestone(titles[i], state));
        }
        return road;
    }
}
