package com.asaconsole.notifications;

import java.util.List;

import com.asaconsole.health.DriftFound;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the people concerned when a check round finds drift (a check that got worse since the round
 * before). Runs after the round's transaction committed, from the event publication registry, so a
 * mail server that is down leaves the publication incomplete (retried on restart) and never loses
 * the round. The message holds the drift sentences and a link, nothing else of the evidence.
 */
@Component
@EnableConfigurationProperties(NotifyProperties.class)
class DriftMail {

    private static final Logger log = LoggerFactory.getLogger(DriftMail.class);
    static final int LISTED = 20;

    private final ObjectProvider<JavaMailSender> mail;
    private final NotifyProperties properties;

    DriftMail(ObjectProvider<JavaMailSender> mail, NotifyProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }

    @ApplicationModuleListener
    void on(DriftFound round) {
        if (round.drift().isEmpty()) {
            return;
        }
        List<String> to = properties.addressesFor(NotifyProperties.DRIFT_FOUND);
        JavaMailSender sender = mail.getIfAvailable();
        if (to.isEmpty() || sender == null) {
            log.info("Drift found in check round {}; no e-mail ({})", round.roundId(),
                    sender == null ? "spring.mail.host is not set" : "no recipients for drift-found");
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.from());
        message.setTo(to.toArray(String[]::new));
        message.setSubject("[ASA Console] Kerberos drift: " + round.drift().size() + " check(s) got worse (round " + round.roundId() + ")");
        message.setText(text(round));
        sender.send(message);
        log.info("Drift of check round {} mailed to {} recipient(s)", round.roundId(), to.size());
    }

    String text(DriftFound round) {
        StringBuilder text = new StringBuilder("The estate check round ").append(round.roundId()).append(" found ")
                .append(round.drift().size()).append(" check(s) worse than the round before (now ").append(round.ok()).append(" OK, ")
                .append(round.warn()).append(" warning(s), ").append(round.fail()).append(" failure(s)):\n\n");
        round.drift().stream().limit(LISTED).forEach(d -> text.append("- ").append(d).append('\n'));
        if (round.drift().size() > LISTED) {
            text.append("- and ").append(round.drift().size() - LISTED).append(" more\n");
        }
        text.append("\nThe evidence and the fixes: ").append(properties.consoleUrl().replaceAll("/+$", "")).append("/health\n")
                .append("Nothing was changed: fixes go through a reviewed change.\n");
        return text.toString();
    }
}
