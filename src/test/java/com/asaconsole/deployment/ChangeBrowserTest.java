package com.asaconsole.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.asaconsole.ConsoleTest;
import com.asaconsole.directory.AccountState;
import com.asaconsole.directory.DirectoryGateway;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.identity.TestAccounts;
import com.asaconsole.lab.Browser;
import com.asaconsole.lab.ConsoleBrowser;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;
import com.asaconsole.lab.cas.CasMemberSimulator;
import com.asaconsole.lab.cas.SimulatedCasMembers;
import com.asaconsole.remoting.ExchangeVersion;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The issue's story in a real Chromium against the real Samba DC: an admin submits a plan version
 * with the steps the console runs, a reviewer approves it, the admin runs it and watches the job
 * page update itself to SUCCEEDED, and the reviewer reads the whole story and exports it.
 */
@ConsoleTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@DirtiesContext
@ExtendWith(SambaLab.class)
@LabTest
class ChangeBrowserTest {

    static final String REVIEWER_PASSWORD = "Reviewer-Test-Pw-4";

    @Autowired ApplicationContext context;
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

    @Test
    void aReviewerApprovesTheAdminWatchesItRunAndTheReviewerReadsAndExportsTheStory(SambaDc dc) throws Exception {
        LabDirectory.connect(settings, dc);
        SimulatedCasMembers lab = new SimulatedCasMembers(dc, List.of());
        try {
            story(dc, lab);
        } finally {
            lab.close();
        }
    }

    void story(SambaDc dc, SimulatedCasMembers lab) throws Exception {
        CasMemberSimulator cas1 = lab.start("cas1.contoso.test", ExchangeVersion.EXCHANGE_2016);
        LabEstate estate = new LabEstate(mvc, jdbc, dc, 2, List.of(RemoteDeploymentTest.server(cas1)),
                java.util.UUID.randomUUID().toString().substring(0, 6));
        int version = estate.storePlan();
        TestAccounts.create(context, "rita", REVIEWER_PASSWORD, "APPROVER");

        // the admin submits the account, the credential and the SPNs (the SPN step refuses to run before the credential)
        console.signIn("admin", ConsoleTest.BOOTSTRAP_PASSWORD);
        String changeUrl = DirectoryStepsInBrowser.submit(console, version);
        assertThat(console.browser().findElement(By.id("change-steps")).getText()).isEqualTo("create-account, deploy-credential, assign-spns");
        assertThat(console.browser().findElements(By.id("run"))).as("not runnable before approval").isEmpty();
        console.signOut();

        // the reviewer approves exactly what they read
        console.signIn("rita", REVIEWER_PASSWORD);
        console.browser().get(changeUrl);
        assertThat(console.browser().findElement(By.id("operations")).getText()).contains("setspn -F -Q " + estate.spns().get(0))
                .contains("add: servicePrincipalName").contains("Set-ClientAccessService").contains("password: (secret");
        Number contrast = (Number) console.browser().executeScript(ConsoleBrowser.CONTRAST, "#operations");
        assertThat(contrast.doubleValue()).as("the operations are readable").isGreaterThanOrEqualTo(4.5);
        console.screenshot("change-1280.png");
        console.browser().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        console.screenshot("change-390.png");
        console.browser().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        console.browser().findElement(By.id("comment")).sendKeys("checked against the change window");
        console.browser().findElement(By.xpath("//button[normalize-space()='Approve']")).click();
        console.waiting().until(ExpectedConditions.textToBe(By.id("change-status"), "APPROVED"));
        console.signOut();

        // the admin runs it and watches the job page update itself (no reload) until it is done
        console.signIn("admin", ConsoleTest.BOOTSTRAP_PASSWORD);
        console.browser().get(changeUrl);
        // running writes to the directory and the servers: the console asks first, and "Cancel" runs nothing
        assertThat(Browser.clickAndAnswer(console.browser(), By.id("run"), false)).startsWith("Run change #")
                .contains("Active Directory and the Client Access servers");
        assertThat(console.browser().findElements(By.id("job-status"))).as("cancelled: no job").isEmpty();
        assertThat(console.browser().getCurrentUrl()).isEqualTo(changeUrl);
        Browser.clickAndAnswer(console.browser(), By.id("run"), true);
        console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("job-status")));
        console.browser().executeScript("window.sameDocument = 'yes';");
        console.waiting().until(ExpectedConditions.textToBe(By.id("job-status"), "SUCCEEDED"));
        assertThat(console.browser().executeScript("return window.sameDocument;")).as("updated by htmx, not reloaded").isEqualTo("yes");
        assertThat(console.browser().findElement(By.id("job-steps")).getText()).contains(estate.spns().get(1)).contains("DONE");
        AccountState asa = gateway.open(settings.connection(SambaDc.DNS_DOMAIN)).findAccount(estate.asaSam).orElseThrow();
        assertThat(asa.spns()).containsExactlyInAnyOrderElementsOf(estate.spns());
        console.signOut();

        // the reviewer reads the whole story and exports it
        console.signIn("rita", REVIEWER_PASSWORD);
        console.browser().get(changeUrl + "/story");
        String story = console.browser().findElement(By.id("story-records")).getText();
        assertThat(story).contains("change.submitted").contains("change.approved").contains("job.started").contains("ldap.spn.add")
                .contains("job.succeeded");
        assertThat(console.browser().findElement(By.id("story-decision")).getText()).contains("APPROVED by rita");
        String href = console.browser().findElement(By.linkText("CSV")).getAttribute("href");
        Object csv = console.browser().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));", href);
        assertThat((String) csv).contains("ldap.spn.add").contains(estate.spns().get(0)).contains("change.approved");
    }



}
