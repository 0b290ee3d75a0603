package com.asaconsole.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.asaconsole.ConsoleTest;
import com.asaconsole.identity.TestAccounts;
import com.asaconsole.lab.ConsoleBrowser;
import com.asaconsole.lab.LabTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * In a real Chromium: an admin models a two-site Exchange 2016 estate through the pages, sees the
 * planned SPNs and findings, stores a version and walks every wizard page; a helpdesk user sees the
 * plan but no edit control, and gets the 403 page on an edit URL. Its own context and database.
 */
@ConsoleTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "asa.test.estate=plan-browser")
@LabTest
class PlanBrowserTest {

    static final String HELPDESK_PASSWORD = "Helpdesk-Test-Pw-9";

    @Autowired ApplicationContext context;

    @RegisterExtension
    final ConsoleBrowser console = new ConsoleBrowser(Duration.ofSeconds(15));

    @Test
    void anAdminModelsATwoSiteEstatePlansItAndWalksTheWizardAndHelpdeskOnlyReads() throws Exception {
        console.signIn("admin", ConsoleTest.BOOTSTRAP_PASSWORD);

        console.open("/topology/forests/new");
        type("dnsName", "contoso.com");
        type("netbiosName", "CONTOSO");
        type("ldapsEndpoint", "ldaps://dc01.contoso.com:636");
        type("globalCatalogEndpoint", "ldaps://dc01.contoso.com:3269");
        type("asaOu", "OU=Service Accounts,DC=contoso,DC=com");
        save("Forests", "contoso.com");

        for (String site : List.of("East", "West")) {
            console.open("/topology/sites/new");
            choose("forestId", "contoso.com");
            type("name", site);
            save("AD sites", site);
        }

        console.open("/topology/asa-accounts/new");
        choose("forestId", "contoso.com");
        value("kind", "COMPUTER");
        type("samAccountName", "EXCH-ASA$");
        type("ou", "OU=Service Accounts,DC=contoso,DC=com");
        type("encryptionTypes", "24");
        type("rotationDays", "21");
        save("ASA accounts", "EXCH-ASA$");

        server("ex01.contoso.com", "East");
        server("ex02.contoso.com", "West");
        namespace("mail-east.contoso.com", "East", "ex01.contoso.com", "EWS", "MAPI_HTTP", "OAB");
        namespace("autodiscover-east.contoso.com", "East", "ex01.contoso.com", "AUTODISCOVER");
        namespace("mail-west.contoso.com", "West", "ex02.contoso.com", "EWS", "MAPI_HTTP", "OAB");
        namespace("autodiscover-west.contoso.com", "West", "ex02.contoso.com", "AUTODISCOVER");

        // the live plan: four http SPNs on the one ASA, each with its reason, and the findings
        console.open("/plans");
        assertThat(texts(By.cssSelector(".plan-spns code.spn"))).containsExactlyInAnyOrder("http/mail-east.contoso.com",
                "http/autodiscover-east.contoso.com", "http/mail-west.contoso.com", "http/autodiscover-west.contoso.com");
        assertThat(console.browser().findElement(By.cssSelector(".plan-spns h3")).getText()).isEqualTo("CONTOSO\\EXCH-ASA$");
        assertThat(console.browser().findElement(By.cssSelector(".plan-spns")).getText())
                .contains("namespace mail-west.contoso.com carries EWS, OAB, MAPI/HTTP for Exchange 2016");
        List<WebElement> findings = console.browser().findElements(By.cssSelector(".plan-findings tr[data-rule]"));
        assertThat(findings).extracting(f -> f.getAttribute("data-rule")).contains("OUTLOOK_MINIMUM")
                .doesNotContain("MIXED_VERSIONS", "NAMESPACE_IS_SERVER", "SERVER_WITHOUT_ASA");
        assertThat(console.browser().findElements(By.cssSelector(".plan-findings .severity-BLOCK"))).isEmpty();
        screenshot("plan.png");

        console.browser().findElement(By.xpath("//button[normalize-space()='Store as a new version']")).click();
        console.waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "Plan version 1"));
        assertThat(console.browser().findElement(By.id("submit-later")).getText()).contains("No BLOCK finding");
        assertThat(texts(By.cssSelector("code.spn"))).hasSize(4);

        // every wizard page, in order, through the "Next step" links
        console.browser().findElement(By.linkText("Walk the wizard")).click();
        List<String> steps = new ArrayList<>();
        while (true) {
            console.waiting().until(ExpectedConditions.textMatches(By.tagName("h1"), java.util.regex.Pattern.compile("^Step \\d+: .+")));
            steps.add(console.browser().findElement(By.tagName("h1")).getText());
            assertThat(console.browser().getCurrentUrl()).contains("/plans/1/wizard/");
            assertThat(console.browser().findElements(By.cssSelector("table.prerequisites"))).isNotEmpty();
            if (steps.size() == 1 || steps.size() == 5) {
                // the operations are readable: their text contrasts with their background at least 4.5:1 (WCAG AA)
                Number contrast = (Number) console.browser().executeScript(ConsoleBrowser.CONTRAST, "pre.operations");
                assertThat(contrast.doubleValue()).as("pre.operations contrast").isGreaterThanOrEqualTo(4.5);
                String name = "wizard-step-" + steps.size();
                screenshot(name + "-1280.png", false);
                console.browser().manage().window().setSize(new Dimension(390, 844));
                screenshot(name + "-390.png", false);
                console.browser().manage().window().setSize(new Dimension(1280, 900));
            }
            List<WebElement> next = console.browser().findElements(By.linkText("Next step"));
            if (next.isEmpty()) {
                break;
            }
            next.get(0).click();
        }
        assertThat(steps).hasSize(com.asaconsole.deployment.WizardSteps.ALL.size()).first().asString().startsWith("Step 1: ");
        assertThat(steps.get(steps.size() - 1)).startsWith("Step " + com.asaconsole.deployment.WizardSteps.ALL.size() + ": ");

        // deleting from a topology list swaps only the list (htmx), no page load
        console.open("/topology/sites/new");
        choose("forestId", "contoso.com");
        type("name", "Spare");
        save("AD sites", "Spare");
        console.browser().executeScript("window.stillThisPage = true");
        console.browser().findElement(By.cssSelector("button[aria-label='Delete Spare']")).click();
        // a delete asks first
        org.openqa.selenium.Alert question = console.waiting().until(ExpectedConditions.alertIsPresent());
        assertThat(question.getText()).isEqualTo("Delete Spare? This cannot be undone.");
        question.accept();
        console.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".topology-list .alert"), "Site Spare deleted."));
        assertThat(console.browser().executeScript("return window.stillThisPage === true")).as("the page was not reloaded").isEqualTo(true);
        assertThat(console.browser().findElement(By.id("sites")).getText()).contains("East").contains("West").doesNotContain("Spare");

        console.signOut();

        // helpdesk: the same plan, no edit controls, and the 403 page on an edit URL
        TestAccounts.create(context, "hal", HELPDESK_PASSWORD, "HELPDESK");
        console.signIn("hal", HELPDESK_PASSWORD);
        console.open("/plans");
        assertThat(texts(By.cssSelector(".plan-spns code.spn"))).hasSize(4);
        assertThat(console.browser().findElements(By.xpath("//button[normalize-space()='Store as a new version']"))).isEmpty();
        console.open("/plans/1");
        assertThat(console.browser().findElement(By.tagName("h1")).getText()).isEqualTo("Plan version 1");
        for (String kind : List.of("forests", "sites", "asa-accounts", "servers", "namespaces")) {
            console.open("/topology/" + kind);
            assertThat(console.browser().findElements(By.cssSelector("td.row-actions, p.actions, button.danger"))).as(kind).isEmpty();
            assertThat(console.browser().findElements(By.linkText("Edit"))).as(kind).isEmpty();
        }
        console.open("/topology/servers");
        assertThat(console.browser().findElement(By.tagName("main")).getText()).contains("ex01.contoso.com").contains("ex02.contoso.com");
        console.open("/topology/servers/1/edit");
        assertThat(console.browser().findElement(By.tagName("h1")).getText()).isEqualTo("You are not allowed to open this page");
        console.open("/topology/namespaces/new");
        assertThat(console.browser().findElement(By.tagName("h1")).getText()).isEqualTo("You are not allowed to open this page");
    }

    // ---------------------------------------------------------------- steps

    private void server(String fqdn, String site) {
        console.open("/topology/servers/new");
        type("fqdn", fqdn);
        choose("siteId", site + " (contoso.com)");
        value("exchangeVersion", "EXCHANGE_2016");
        value("operatingSystem", "WS2016");
        type("winrmEndpoint", "http://" + fqdn + "/PowerShell");
        value("winrmAuth", "KERBEROS");
        choose("asaAccountId", "CONTOSO\\EXCH-ASA$");
        save("Exchange servers", fqdn);
    }

    private void namespace(String fqdn, String site, String server, String... services) {
        console.open("/topology/namespaces/new");
        type("fqdn", fqdn);
        value("scope", "BOTH");
        for (String service : services) {
            console.browser().findElement(By.cssSelector("input[name=services][value=" + service + "]")).click();
        }
        console.browser().findElement(By.xpath("//fieldset[@id='siteIds-group']//label[contains(., '" + site + " (contoso.com)')]/input")).click();
        console.browser().findElement(By.xpath("//fieldset[@id='serverIds-group']//label[contains(., '" + server + "')]/input")).click();
        save("Load-balanced namespaces", fqdn);
    }

    // ---------------------------------------------------------------- browser helpers




    private void type(String id, String value) {
        WebElement input = console.browser().findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private void value(String id, String value) {
        new Select(console.browser().findElement(By.id(id))).selectByValue(value);
    }

    /** Picks the option whose label starts with the text (labels carry extra detail in brackets). */
    private void choose(String id, String label) {
        Select select = new Select(console.browser().findElement(By.id(id)));
        WebElement option = select.getOptions().stream().filter(o -> o.getText().startsWith(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no option starting with " + label + " in " + id));
        select.selectByVisibleText(option.getText());
    }

    /** Submits the form; the list page it returns to must show the new item, and no field error is left. */
    private void save(String listHeading, String shown) {
        console.browser().findElement(By.cssSelector(".form-actions button[type=submit]")).click();
        console.waiting().until(ExpectedConditions.or(ExpectedConditions.textToBe(By.tagName("h1"), listHeading),
                ExpectedConditions.presenceOfElementLocated(By.cssSelector(".field-error, .alert-error"))));
        assertThat(texts(By.cssSelector(".field-error, .alert-error"))).as("errors after saving " + shown).isEmpty();
        assertThat(console.browser().findElement(By.tagName("main")).getText()).contains(shown);
    }

    private List<String> texts(By by) {
        return console.browser().findElements(by).stream().map(WebElement::getText).toList();
    }

    private void screenshot(String name) throws Exception {
        screenshot(name, true);
    }

    /** The whole page, not only the window: the window grows to the page's height for the shot. */
    private void screenshot(String name, boolean docs) throws Exception {
        Dimension window = console.browser().manage().window().getSize();
        long height = ((Number) console.browser().executeScript("return document.documentElement.scrollHeight")).longValue();
        console.browser().manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(height + 120, 4000)));
        Path shot = console.browser().getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("target/screenshots"));
        Files.copy(shot, Path.of("target/screenshots", name), StandardCopyOption.REPLACE_EXISTING);
        // the documentation's picture is replaced only when asked (-Dasa.refreshDocsImages=true on the test command), so a
        // test run leaves the working tree as it found it; the shot itself is always in target/screenshots to look at
        if (docs && Boolean.getBoolean("asa.refreshDocsImages")) {
            Files.createDirectories(Path.of("docs/images"));
            Files.copy(shot, Path.of("docs/images", name), StandardCopyOption.REPLACE_EXISTING);
        }
        console.browser().manage().window().setSize(window);
    }
}
