package com.asaconsole.lab;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real SMTP server (GreenMail) on loopback for the notification tests, one per test JVM, with the
 * console's {@code spring.mail.*} pointed at it.
 */
public final class LabSmtp {

    private static GreenMail server;

    private LabSmtp() {
    }

    public static synchronized GreenMail server() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "lab-smtp-stop"));
        }
        return server;
    }

    /** The messages received so far, once there are at least {@code count} (one per recipient) or the time is up. */
    public static jakarta.mail.internet.MimeMessage[] received(int count, java.time.Duration patience) throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plus(patience);
        while (server().getReceivedMessages().length < count && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        return server().getReceivedMessages();
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> server().getSmtp().getPort());
    }
}
