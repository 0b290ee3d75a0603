package com.asaconsole.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.asaconsole.ConsoleTest;
import com.asaconsole.health.DriftFound;
import com.asaconsole.health.Verdict;
import com.asaconsole.lab.ConsoleBrowser;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.PageCheck;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The webhooks page in a real Chromium as an admin uses it: a refused address is shown beside its field, an endpoint is
 * added, a drift delivery to a receiver that is not there is listed as retrying with the reason, the endpoint is edited
 * and deleted. Each state is checked at 1280 and 390 px (axe-core, no overflow); screenshots in target/webhooks-page/.
 */
@ConsoleTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
@LabTest
class WebhooksPageTest {

    static final Path SHOTS = Path.of("target/webhooks-page");
    /** Nothing listens there: every attempt fails at once. */
    static final String NOBODY = "https://127.0.0.1:9/asa-hook";

    @DynamicPropertySource
    static void webhooks(DynamicPropertyRegistry registry) {
        registry.add("asa.webhooks.retry-backoff", () -> "1h");
    }

    @RegisterExtension
    final ConsoleBrowser console = new ConsoleBrowser(Duration.ofSeconds(30));

    @Autowired ApplicationEventPublisher events;

    @Test
    void anAdminAddsAnEndpointSeesItsDeliveriesEditsAndDeletesIt() throws Exception {
        List<String> problems = new ArrayList<>();
        PageCheck check = new PageCheck(console.browser(), SHOTS);
        console.signIn("admin", ConsoleTest.BOOTSTRAP_PASSWORD);
        console.open("/admin/webhooks");
        assertThat(console.browser().findElement(By.id("endpoints")).getText()).contains("No endpoints yet");

        // plain HTTP is refused beside the field; what was typed stays
        console.browser().findElement(By.id("url")).sendKeys("http://itsm.contoso.test/hook");
        console.browser().findElement(By.id("secret")).sendKeys("a-secret-of-enough-length");
        console.browser().findElement(By.id("event-drift-found")).click();
        console.browser().findElement(By.cssSelector("#endpoint-form button[type=submit]")).click();
        console.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("url-error")));
        assertThat(console.browser().findElement(By.id("url-error")).getText()).startsWith("Webhooks go over HTTPS only");
        assertThat(console.browser().findElement(By.id("url")).getAttribute("value")).isEqualTo("http://itsm.contoso.test/hook");
        assertThat(console.browser().findElement(By.id("event-drift-found")).isSelected()).isTrue();
        shots(check, "webhooks-refused", 400, problems);

        console.browser().findElement(By.id("url")).clear();
        console.browser().findElement(By.id("url")).sendKeys(NOBODY);
        console.browser().findElement(By.id("secret")).sendKeys("a-secret-of-enough-length");
        console.browser().findElement(By.cssSelector("#endpoint-form button[type=submit]")).click();
        console.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-success"), "added"));

        events.publishEvent(new DriftFound(7, Verdict.FAIL, 20, 0, 1, List.of("cas2.contoso.test: holds no ASA credential.")));
        long until = System.currentTimeMillis() + 30_000;
        String deliveries;
        do {
            Thread.sleep(500);
            console.open("/admin/webhooks");
            deliveries = console.browser().findElement(By.id("deliveries")).getText();
        } while (!deliveries.contains("could not be reached") && System.currentTimeMillis() < until);
        assertThat(deliveries).contains("drift.found").contains("retrying").contains("The receiver could not be reached");
        shots(check, "webhooks", 200, problems);

        console.browser().findElement(By.cssSelector("a[aria-label='Edit " + NOBODY + "']")).click();
        console.waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "Edit endpoint"));
        assertThat(console.browser().findElement(By.id("url")).getAttribute("value")).isEqualTo(NOBODY);
        assertThat(console.browser().findElement(By.id("secret")).getAttribute("value")).isEmpty();
        shots(check, "webhooks-edit", 200, problems);
        console.browser().findElement(By.id("event-job-paused")).click();
        console.browser().findElement(By.cssSelector("#endpoint-form button[type=submit]")).click();
        console.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-success"), "its secret is unchanged"));
        assertThat(console.browser().findElement(By.id("endpoints")).getText()).contains("drift.found, job.paused");

        // delete asks first (the page's confirm dialog), then the endpoint and its deliveries are gone
        console.browser().findElement(By.cssSelector("button[aria-label='Delete " + NOBODY + "']")).click();
        console.waiting().until(ExpectedConditions.alertIsPresent()).accept();
        console.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-success"), "deleted"));
        assertThat(console.browser().findElement(By.id("endpoints")).getText()).contains("No endpoints yet");
        assertThat(console.browser().findElement(By.id("deliveries")).getText()).contains("Nothing delivered yet");

        assertThat(problems).as("the webhooks page fits people (screenshots in " + SHOTS + ")").isEmpty();
    }

    private static void shots(PageCheck check, String name, int status, List<String> problems) {
        for (int width : new int[] { 1280, 390 }) {
            check.width(width);
            problems.addAll(check.check(name, status));
        }
        check.width(1280);
    }
}
