package com.asaconsole.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.asaconsole.ConsoleTest;
import com.asaconsole.health.DriftFound;
import com.asaconsole.health.Verdict;
import com.asaconsole.lab.LabSmtp;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drift found by a check round reaches the people configured for it by e-mail, through a real SMTP
 * server on loopback (GreenMail); a round without drift sends nothing. (EstateHealthTest sees the
 * same mail arrive for drift the scheduler found in the lab.)
 */
@ConsoleTest
class DriftMailTest {

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        LabSmtp.register(registry);
        registry.add("asa.notify.from", () -> "asa-console@contoso.test");
        registry.add("asa.notify.console-url", () -> "https://asa.contoso.test/");
        registry.add("asa.notify.recipients.ADMIN", () -> "exchange-admins@contoso.test");
        registry.add("asa.notify.recipients.HELPDESK", () -> "helpdesk@contoso.test");
        registry.add("asa.notify.recipients.APPROVER", () -> "cab@contoso.test");
        registry.add("asa.notify.events.drift-found", () -> "ADMIN,HELPDESK");
    }

    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate transaction;

    @BeforeEach
    void empty() throws Exception {
        LabSmtp.server().purgeEmailFromAllMailboxes();
    }

    @Test
    void driftIsMailedToTheRolesConfiguredForItAndARoundWithoutDriftIsNot() throws Exception {
        transaction.executeWithoutResult(tx -> events.publishEvent(new DriftFound(41, Verdict.OK, 19, 0, 0, List.of())));
        transaction.executeWithoutResult(tx -> events.publishEvent(new DriftFound(42, Verdict.FAIL, 17, 0, 2, List.of(
                "cas2.contoso.test: cas2.contoso.test holds no ASA credential (rebuilt or added without it)",
                "cas2.contoso.test: cas2.contoso.test refuses Kerberos for http/mail.contoso.test"))));

        MimeMessage[] received = LabSmtp.received(2, java.time.Duration.ofSeconds(15));
        assertThat(received).as("one message, a copy in each recipient's mailbox").hasSize(2);
        MimeMessage mail = received[0];
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactlyInAnyOrder("exchange-admins@contoso.test", "helpdesk@contoso.test");
        assertThat(mail.getSubject()).isEqualTo("[ASA Console] Kerberos drift: 2 check(s) got worse (round 42)");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("asa-console@contoso.test");
        String body = mail.getContent().toString();
        assertThat(body).contains("cas2.contoso.test holds no ASA credential").contains("refuses Kerberos for http/mail.contoso.test")
                .contains("now 17 OK, 0 warning(s), 2 failure(s)").contains("https://asa.contoso.test/health")
                .doesNotContain("round 41");
        // only the round with drift was mailed: nothing else arrives
        Thread.sleep(1500);
        assertThat(LabSmtp.server().getReceivedMessages()).hasSize(2);
    }
}
