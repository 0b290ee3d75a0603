package lab.console;

import java.util.Set;

import com.asaconsole.AsaConsoleApplication;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.lab.LabMode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * {@code ./mvnw spring-boot:test-run}: the console against a real Samba AD DC and CAS member
 * SIMULATORs on this machine (docs/lab.md). Test code: Spring Boot's test-run goal starts it with the
 * test classpath; the console's jar holds none of it. {@code @SpringBootApplication} only marks it as
 * the test tree's application for that goal: the console itself is {@link AsaConsoleApplication}. It
 * lives outside {@code com.asaconsole} so that the console's component scan (also in the test
 * contexts) never finds the lab's beans.
 */
@SpringBootApplication
public class LabConsole {

    public static void main(String[] args) {
        LabMode lab = LabMode.start();
        // Ctrl-C, a kill or a console that fails to start: the lab stops with the JVM
        Runtime.getRuntime().addShutdownHook(new Thread(lab::close, "lab-stop"));
        lab.consoleProperties().forEach(System::setProperty);
        try {
            SpringApplication.from(AsaConsoleApplication::main).with(LabBeans.class).run(args);
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** What the lab adds to the console: its directory connection, the instructions, the SIMULATOR notice, the stop. */
    @Configuration(proxyBeanMethods = false)
    @Import(SimulatorNotice.class)
    static class LabBeans {

        @Bean
        LabMode lab() {
            return LabMode.current();
        }

        @EventListener
        void ready(ApplicationReadyEvent event) {
            LabMode lab = LabMode.current();
            lab.connect(event.getApplicationContext().getBean(DirectorySettings.class));
            int port = event.getApplicationContext().getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            System.out.println(lab.instructions(port));
        }

        @EventListener
        void closed(ContextClosedEvent event) {
            LabMode.current().close();
        }
    }

    /** Every page says that the Exchange servers here are simulators, and names them. */
    @ControllerAdvice
    static class SimulatorNotice {

        @ModelAttribute("simulatedHosts")
        Set<String> simulatedHosts() {
            return LabMode.current().simulatedHosts();
        }

        @ModelAttribute("labNotice")
        String labNotice() {
            java.util.List<String> hosts = java.util.List.copyOf(LabMode.current().simulatedHosts());
            String named = hosts.size() > 2 ? hosts.get(0) + " … " + hosts.get(hosts.size() - 1) : String.join(", ", hosts);
            return "LAB: the " + hosts.size() + " Exchange servers here (" + named + ") are CAS member SIMULATORs, not Exchange; "
                    + "the directory is a Samba AD DC on this machine.";
        }
    }
}
