package com.asaconsole.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.asaconsole.ConsoleTest;
import com.asaconsole.directory.DirectoryGateway;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.lab.Browser;
import com.asaconsole.lab.ConsoleBrowser;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Four-eyes without Active Directory accounts, as a newcomer does it in Chromium: the admin creates a reviewer as a
 * local account and reads the one-time password once; the reviewer signs in, must choose their own password, finds
 * the change waiting on the dashboard and approves it; the admin runs it and watches the job timeline (an SVG the
 * page refreshes itself) until every cell is done, against the real lab DC.
 */
@ConsoleTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@DirtiesContext
@ExtendWith(SambaLab.class)
@LabTest
class FourEyesBrowserTest {

    static final String REVIEWER_OWN_PASSWORD = "amber kettle orchard";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DirectorySettings settings;
    @Autowired DirectoryGateway gateway;

    @RegisterExtension
    final ConsoleBrowser console = new ConsoleBrowser(Duration.ofSeconds(60));

    @org.springframework.test.context.DynamicPropertySource
    static void winrm(org.springframework.test.context.DynamicPropertyRegistry registry) {
        RemoteDeploymentTest.winrm(registry);
    }

    com.asaconsole.lab.cas.SimulatedCasMembers lab;

    @org.junit.jupiter.api.AfterEach
    void stopMembers() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void anAdminCreatesAReviewerWhoApprovesAndTheAdminWatchesTheTimelineToTheEnd(SambaDc dc) throws Exception {
        LabDirectory.connect(settings, dc);
        // one Client Access server, a CAS member SIMULATOR: the SPN step needs the credential on it first
        lab = new com.asaconsole.lab.cas.SimulatedCasMembers(dc, List.of());
        var cas1 = lab.start("cas1.contoso.test", com.asaconsole.remoting.ExchangeVersion.EXCHANGE_2016);
        LabEstate estate = new LabEstate(mvc, jdbc, dc, 2, List.of(RemoteDeploymentTest.server(cas1)),
                java.util.UUID.randomUUID().toString().substring(0, 6));
        int version = estate.storePlan();

        // the admin creates the reviewer and is shown the one-time password once
        console.signIn("admin", ConsoleTest.BOOTSTRAP_PASSWORD);
        console.open("/admin/local-accounts");
        console.browser().findElement(By.id("username")).sendKeys("rita");
        console.browser().findElement(By.id("displayName")).sendKeys("Rita Reviewer");
        console.browser().findElement(By.id("role-APPROVER")).click();
        console.browser().findElement(By.xpath("//button[normalize-space()='Create the account']")).click();
        String oneTime = console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("one-time-password"))).getText();
        assertThat(oneTime).hasSize(20);
        console.open("/admin/local-accounts");
        assertThat(console.browser().findElement(By.id("local-accounts")).getText()).contains("rita").doesNotContain(oneTime);

        // and submits the account, credential and SPN steps of the stored plan for review
        String changeUrl = DirectoryStepsInBrowser.submit(console, version);
        console.signOut();

        // the reviewer's first sign-in: choose a password of their own before anything else
        console.open("/login");
        console.browser().findElement(By.id("username")).sendKeys("rita");
        console.browser().findElement(By.id("password")).sendKeys(oneTime);
        console.browser().findElement(By.cssSelector("#login-form button[type=submit]")).click();
        console.waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "Change your password"));
        console.browser().get(changeUrl);
        assertThat(console.browser().findElement(By.tagName("h1")).getText()).as("no page before the password is changed")
                .isEqualTo("Change your password");
        console.browser().findElement(By.id("current")).sendKeys(oneTime);
        console.browser().findElement(By.id("chosen")).sendKeys("password1234");
        console.browser().findElement(By.id("repeated")).sendKeys("password1234");
        console.browser().findElement(By.xpath("//button[normalize-space()='Change my password']")).click();
        assertThat(console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("chosen-error"))).getText())
                .contains("first passwords an attacker tries");
        console.browser().findElement(By.id("current")).sendKeys(oneTime);
        console.browser().findElement(By.id("chosen")).sendKeys(REVIEWER_OWN_PASSWORD);
        console.browser().findElement(By.id("repeated")).sendKeys(REVIEWER_OWN_PASSWORD);
        console.browser().findElement(By.xpath("//button[normalize-space()='Change my password']")).click();
        console.waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));

        // the dashboard names the change waiting for her; she reads and approves it
        assertThat(console.browser().findElement(By.id("next-step")).getText()).contains("waits for your review");
        console.browser().findElement(By.linkText("Review it")).click();
        console.waiting().until(ExpectedConditions.textToBe(By.id("change-status"), "SUBMITTED"));
        assertThat(console.browser().findElement(By.id("operations")).getText()).contains("setspn -F -Q " + estate.spns().get(0));
        console.browser().findElement(By.id("comment")).sendKeys("read every operation");
        console.browser().findElement(By.xpath("//button[normalize-space()='Approve']")).click();
        console.waiting().until(ExpectedConditions.textToBe(By.id("change-status"), "APPROVED"));
        console.signOut();

        // the admin runs it and watches the timeline fill in without reloading the page
        console.signIn("admin", ConsoleTest.BOOTSTRAP_PASSWORD);
        assertThat(console.browser().findElement(By.id("next-step")).getText()).contains("is approved and may run now");
        console.browser().get(changeUrl);
        Browser.clickAndAnswer(console.browser(), By.id("run"), true);
        console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#job-timeline svg")));
        console.browser().executeScript("window.sameDocument = 'yes';");
        console.waiting().until(ExpectedConditions.textToBe(By.id("job-status"), "SUCCEEDED"));
        assertThat(console.browser().executeScript("return window.sameDocument;")).as("updated by htmx, not reloaded").isEqualTo("yes");
        String timeline = console.browser().findElement(By.cssSelector("#job-timeline svg")).getText();
        assertThat(timeline).contains("create-account").contains("assign-spns").contains(estate.spns().get(0))
                .contains(estate.spns().get(1)).contains("done").doesNotContain("failed").doesNotContain("waiting");
        List<WebElement> cells = console.browser().findElements(By.cssSelector("#job-timeline svg rect[fill='#1f6b35']"));
        assertThat(cells).as("every target of every step done (green)").hasSizeGreaterThanOrEqualTo(2 + 2);

        // who did what
        assertThat(jdbc.sql("SELECT actor_name FROM audit_record WHERE action = 'change.approved'").query(String.class).list())
                .containsExactly("Rita Reviewer");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = 'local-account.created' AND target = 'rita'")
                .query(Integer.class).single()).isEqualTo(1);
    }
}
