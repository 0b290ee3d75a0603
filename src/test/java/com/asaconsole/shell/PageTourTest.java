package com.asaconsole.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.asaconsole.ConsoleTest;
import com.asaconsole.identity.Role;
import com.asaconsole.lab.ConsoleBrowser;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.PageCheck;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;
import com.asaconsole.lab.cas.LabWinRm;
import com.asaconsole.lab.cas.SimulatedCasMembers;
import com.asaconsole.lab.cas.SimulatedEstate;
import com.asaconsole.remoting.ExchangeVersion;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The page tour: a realistic estate (TourEstate), then every page each role can reach (TourPages) in a real
 * Chromium at 1280 and 390 px, each checked by {@link PageCheck}: no serious or critical axe-core violation of
 * WCAG 2.1 AA, no horizontal overflow, no empty-state row beside data rows, the expected status and never a 5xx.
 * Screenshots of every page at both widths go to target/page-tour/ for people to look at.
 */
@ConsoleTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@DirtiesContext
@ExtendWith(SambaLab.class)
@LabTest
class PageTourTest {

    static final Path SHOTS = Path.of("target/page-tour");
    static final int[] WIDTHS = { 1280, 390 };

    @Autowired ApplicationContext context;
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    @RegisterExtension
    final ConsoleBrowser console = new ConsoleBrowser(Duration.ofSeconds(30));

    /** The estate's Client Access servers as CAS member SIMULATORs (all reporting the lab's organization to discovery). */
    static SimulatedCasMembers members;

    @DynamicPropertySource
    static void winrm(DynamicPropertyRegistry registry) {
        LabWinRm.settings(registry);
        registry.add("asa.remoting.endpoints[" + TourEstate.DISCOVERED_FROM + "]",
                () -> members().endpointsByHost().get(TourEstate.DISCOVERED_FROM));
    }

    static synchronized SimulatedCasMembers members() {
        if (members == null) {
            members = new SimulatedCasMembers(SambaLab.dc(), List.of()).estate(SimulatedEstate.lab());
            for (String host : List.of("cas1", "cas2", "cas3")) {
                members.start(host + ".contoso.test", ExchangeVersion.EXCHANGE_2016);
            }
            members.start("cas4.contoso.test", ExchangeVersion.EXCHANGE_2010);
            members.start(TourEstate.DISCOVERED_FROM, ExchangeVersion.EXCHANGE_2019);
        }
        return members;
    }

    @AfterAll
    static void stop() {
        if (members != null) {
            members.close();
        }
    }

    @Test
    void everyPageForEveryRoleAtBothWidths(SambaDc dc) throws Exception {
        TourEstate estate = new TourEstate(context, mvc, jdbc, dc, members().endpointsByHost());
        // -Dtour.only=job,topology-servers visits only those stops (to look at a few pages quickly); the build visits all
        String only = System.getProperty("tour.only", "");
        List<TourPages.Stop> stops = TourPages.of(estate).stream()
                .filter(s -> only.isBlank() || List.of(only.split(",")).contains(s.name())).toList();
        List<String> problems = new ArrayList<>();
        PageCheck check = new PageCheck(console.browser(), SHOTS);

        // before signing in: the sign-in page
        console.open("/login");
        for (int width : WIDTHS) {
            check.width(width);
            problems.addAll(check.check("anonymous/sign-in", 200));
        }
        int visited = 0;
        for (Role role : Role.values()) {
            switch (role) {
                case ADMIN -> console.signIn("admin", ConsoleTest.BOOTSTRAP_PASSWORD);
                case APPROVER -> console.signIn(TourEstate.REVIEWER, TourEstate.REVIEWER_PASSWORD);
                case HELPDESK -> console.signIn(TourEstate.HELPDESK, TourEstate.HELPDESK_PASSWORD);
            }
            for (TourPages.Stop stop : stops) {
                if (!stop.roles().contains(role)) {
                    continue;
                }
                check.width(WIDTHS[0]);
                console.open(stop.path());
                for (int width : WIDTHS) {
                    check.width(width);
                    problems.addAll(check.check(role.name().toLowerCase() + "/" + stop.name(), stop.status()));
                }
                if (role == Role.ADMIN) {
                    // the pictures on their own, for the docs
                    check.width(WIDTHS[0]);
                    if (stop.name().equals("plan")) {
                        check.elementScreenshot("figure.spn-map", "picture-spn-map");
                    } else if (stop.name().equals("job")) {
                        check.elementScreenshot("#job-timeline", "picture-job-timeline");
                    }
                }
                visited++;
            }
            check.width(WIDTHS[0]);
            console.open("/");
            console.signOut();
        }
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve("problems.txt"), problems);
        assertThat(visited).as("pages visited over all roles").isGreaterThan(only.isBlank() ? 100 : 0);
        assertThat(problems).as("pages that are not fit for people (screenshots in " + SHOTS + ")").isEmpty();
    }
}
