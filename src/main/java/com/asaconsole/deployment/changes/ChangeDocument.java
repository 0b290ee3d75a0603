package com.asaconsole.deployment.changes;

import com.asaconsole.deployment.ChangeRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The way back, as the printed change document states it: for each step the change runs, what undoing it means and
 * how the console does it (abort the job: its rollback, exactly what the job applied, becomes a change of its own that
 * needs review). In reverse order, since SPNs come off before the credential, the credential before the account.
 */
final class ChangeDocument {

    /** One step's way back. */
    record Undo(String step, String how) {
    }

    private ChangeDocument() {
    }

    static List<Undo> rollback(ChangeRequest change) {
        List<Undo> undo = new ArrayList<>();
        if (change.rollback()) {
            undo.add(new Undo("this rollback", "A rollback is not undone by the console: if it is stopped half-way, run the original "
                    + "change again (it re-checks every target first) or finish by hand."));
            return undo;
        }
        List<String> steps = new ArrayList<>(change.steps());
        java.util.Collections.reverse(steps);
        for (String step : steps) {
            String how = switch (step) {
                case "assign-spns" -> "Remove the SPNs the job registered from the ASA (remove-spns); clients fall back to NTLM "
                        + "for those names until they are registered again.";
                case "enable-negotiate" -> "Set the Outlook Anywhere and MAPI authentication back to the values recorded in the "
                        + "job's log (by hand: the console does not undo it; Negotiate alone does not break NTLM clients).";
                case "convert-oab" -> "Not undone: the converted OAB virtual directory keeps working with and without Kerberos.";
                case "deploy-credential", "add-member" -> "Remove the ASA credential from the servers that got it (remove-credentials); "
                        + "do this only after the SPNs are removed.";
                case "create-account" -> "Delete the ASA account the job created (delete-account), last, once no SPN and no "
                        + "server uses it.";
                case "verify" -> "Nothing to undo: it only reads.";
                case "protect-account" -> "Not undone by the console: untick \"Protect object from accidental deletion\" and edit the "
                        + "description by hand if they must go (they keep the ASA from being deleted by accident).";
                default -> "Undo by hand, following the job's operations log.";
            };
            undo.add(new Undo(step, how));
        }
        return undo;
    }
}
