package com.asaconsole.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.asaconsole.ConsoleTest;
import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.DirectoryGateway;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.directory.ForestDirectory;
import com.asaconsole.directory.ForestWrites;
import com.asaconsole.directory.PasswordGenerator;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The helpdesk's answers are reused for a short while (RecentLookups): the page says when the directory and the KDC were
 * asked, a repeated question within asa.helpdesk.status-reuse gets that answer, concurrent askers share one lookup, and
 * "Check again" really asks the lab DC again.
 */
@ExtendWith(SambaLab.class)
@ConsoleTest
@AutoConfigureMockMvc
@LabTest
class SpnStatusReuseTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 5);
    private static final Pattern CHECKED_AT = Pattern.compile("checked at (\\d\\d:\\d\\d:\\d\\d) UTC");
    private static final Pattern CHECK_AGAIN = Pattern.compile("<a href=\"([^\"]*fresh=true[^\"]*)\">Check again</a>");

    @Autowired
    MockMvc mvc;

    @Autowired
    DirectorySettings settings;

    @Autowired
    JsonMapper json;

    @Test
    void thePageSaysWhenItCheckedReusesThatAnswerAndCheckAgainAsksTheDcAgain(SambaDc dc) throws Exception {
        LabDirectory.connect(settings, dc);
        String spn = "http/reuse-" + RUN + ".contoso.test";
        ForestDirectory directory = new DirectoryGateway().open(dc.directoryConnection());
        AccountState account = ForestWrites.of(directory).createComputerAccount("CN=Computers," + SambaDc.BASE_DN, "SREU" + RUN, AccountState.AES_ONLY,
                new PasswordGenerator().generate());

        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String first = page("/spn-status?q=" + spn);
        Instant after = Instant.now();
        assertThat(first).contains("No account holds").doesNotContain("SREU" + RUN + "$");
        LocalTime firstChecked = checkedAt(first);
        assertThat(firstChecked).isBetween(LocalTime.ofInstant(before, ZoneOffset.UTC), LocalTime.ofInstant(after, ZoneOffset.UTC));

        // the SPN is registered in the DC: within the reuse time the page gives the answer it has, and says from when
        ForestWrites.of(directory).addSpn(account.dn(), spn);
        Thread.sleep(1_100);
        String reused = page("/spn-status?q=" + spn);
        assertThat(reused).contains("No account holds").doesNotContain("SREU" + RUN + "$");
        assertThat(checkedAt(reused)).isEqualTo(firstChecked);

        // "Check again" (the page's own link) asks the DC and the KDC again
        Matcher link = CHECK_AGAIN.matcher(reused);
        assertThat(link.find()).as("a Check again link on the page").isTrue();
        String again = page(HtmlUtils.htmlUnescape(link.group(1)));
        assertThat(again).contains("Registered once, on SREU" + RUN + "$").doesNotContain("No account holds");
        assertThat(checkedAt(again)).isAfter(firstChecked);

        // and the fresh answer is what the next asker gets
        assertThat(page("/spn-status?q=" + spn)).contains("Registered once, on SREU" + RUN + "$");
    }

    @Test
    void concurrentAskersOfANewQuestionShareOneLookup(SambaDc dc) throws Exception {
        LabDirectory.connect(settings, dc);
        String spn = "http/shared-" + RUN + ".contoso.test";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> mvc.perform(get("/api/spn-status").param("q", spn).with(user("hd").roles("HELPDESK")))
                        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()));
            }
            List<String> checked = new ArrayList<>();
            for (Future<String> answer : answers) {
                JsonNode report = json.readTree(answer.get());
                assertThat(report.path("spns").get(0).path("spn").asString()).isEqualTo(spn);
                checked.add(report.path("checkedAt").asString());
            }
            // each lookup stamps its own instant (nanoseconds): eight askers, one lookup
            assertThat(checked).hasSize(8).allMatch(c -> c.equals(checked.get(0)));
        } finally {
            pool.shutdownNow();
        }
    }

    private String page(String url) throws Exception {
        return mvc.perform(get(url).with(user("hd").roles("HELPDESK"))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    private static LocalTime checkedAt(String page) {
        Matcher m = CHECKED_AT.matcher(page);
        assertThat(m.find()).as("the page says when it checked").isTrue();
        return LocalTime.parse(m.group(1));
    }
}
