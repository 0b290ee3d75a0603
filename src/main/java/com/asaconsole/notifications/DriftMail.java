package com.asaconsole.notifications;

import com.asaconsole.health.DriftFound;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the people concerned when a check round finds drift (a check that got worse since the round
 * before). Runs after the round's transaction committed, from the event publication registry, so a
 * mail server that is down leaves the publication incomplete (retried on restart) and never loses
 * the round. The message holds the drift sentences and a link, nothing else of the evidence.
 */
@Component
class DriftMail {

    static final int LISTED = 20;

    private final Outbox outbox;

    DriftMail(Outbox outbox) {
        this.outbox = outbox;
    }

    @ApplicationModuleListener
    void on(DriftFound round) {
        if (round.drift().isEmpty()) {
            return;
        }
        outbox.send(NotifyProperties.DRIFT_FOUND, "Kerberos drift: " + round.drift().size() + " check(s) got worse (round " + round.roundId() + ")",
                text(round));
    }

    String text(DriftFound round) {
        StringBuilder text = new StringBuilder("The estate check round ").append(round.roundId()).append(" found ")
                .append(round.drift().size()).append(" check(s) worse than the round before (now ").append(round.ok()).append(" OK, ")
                .append(round.warn()).append(" warning(s), ").append(round.fail()).append(" failure(s)):\n\n");
        round.drift().stream().limit(LISTED).forEach(d -> text.append("- ").append(d).append('\n'));
        if (round.drift().size() > LISTED) {
            text.append("- and ").append(round.drift().size() - LISTED).append(" more\n");
        }
        text.append("\nThe evidence and the fixes: ").append(outbox.link("/health")).append("\n")
                .append("Nothing was changed: fixes go through a reviewed change.\n");
        return text.toString();
    }
}
