package com.asaconsole.notifications;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends one plain-text message for an event to the roles configured for it. Without a mail server
 * ({@code spring.mail.host}) or recipients it logs that nothing was sent: the console runs without mail.
 * A send that fails throws, so the event publication stays incomplete and is retried (ADR 28).
 */
@Component
@EnableConfigurationProperties(NotifyProperties.class)
class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final ObjectProvider<JavaMailSender> mail;
    private final NotifyProperties properties;

    Outbox(ObjectProvider<JavaMailSender> mail, NotifyProperties properties) {
        this.mail = mail;
        this.properties = properties;
    }

    /** @return whether a message went out */
    boolean send(String event, String subject, String text) {
        List<String> to = properties.addressesFor(event);
        JavaMailSender sender = mail.getIfAvailable();
        if (to.isEmpty() || sender == null) {
            log.info("{}: no e-mail ({})", subject, sender == null ? "spring.mail.host is not set" : "no recipients for " + event);
            return false;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.from());
        message.setTo(to.toArray(String[]::new));
        message.setSubject("[ASA Console] " + subject);
        message.setText(text);
        sender.send(message);
        log.info("{} ({}) mailed to {} recipient(s)", subject, event, to.size());
        return true;
    }

    /** A link to a console page, as people reach the console. */
    String link(String path) {
        return properties.consoleUrl().replaceAll("/+$", "") + path;
    }
}
