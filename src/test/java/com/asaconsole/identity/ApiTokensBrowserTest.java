package com.asaconsole.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.asaconsole.ConsoleTest;
import com.asaconsole.lab.Browser;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.PageCheck;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In a real Chromium: the admin creates an API token on its page, copies it from the page that shows it once, a
 * script calls the API with it, and the admin revokes it from the list of all tokens (answering the question first);
 * each page passes the page checks (axe WCAG 2.1 AA, no overflow) at 1280 and 390 px, with screenshots in
 * target/screenshots/api-tokens.
 */
@ConsoleTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@LabTest
class ApiTokensBrowserTest {

    static final Path SHOTS = Path.of("target/screenshots/api-tokens");

    @LocalServerPort
    int port;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anAdminCreatesUsesAndRevokesATokenOnThePages() throws Exception {
        String base = "http://localhost:" + port;
        browser.get(base + "/login");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(ConsoleTest.BOOTSTRAP_PASSWORD);
        browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));
        PageCheck check = new PageCheck(browser, SHOTS);
        List<String> problems = new ArrayList<>();

        browser.findElement(By.linkText("API tokens")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Your API tokens"));
        assertThat(browser.findElement(By.id("api-tokens")).getText()).contains("You have no API tokens.");
        problems.addAll(both(check, "tokens-empty"));

        // a name that can't be used: the form comes back with the sentence at the field
        browser.findElement(By.id("days")).clear();
        browser.findElement(By.id("days")).sendKeys("400");
        browser.findElement(By.id("name")).sendKeys("servicenow-prod");
        browser.findElement(By.cssSelector("#new-token-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("days-error")));
        assertThat(browser.findElement(By.id("days-error")).getText()).isEqualTo("Choose a lifetime between 1 and 365 days.");
        problems.addAll(both(check, "tokens-refused", 400));

        browser.findElement(By.id("days")).clear();
        browser.findElement(By.id("days")).sendKeys("30");
        browser.findElement(By.id("scope-all")).click();
        browser.findElement(By.cssSelector("#new-token-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "API token servicenow-prod created"));
        String token = browser.findElement(By.id("token-value")).getText();
        assertThat(token).startsWith("asa_").hasSize(47);
        problems.addAll(both(check, "token-created"));

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> plans = http.send(HttpRequest.newBuilder(URI.create(base + "/api/plans"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plans.statusCode()).isEqualTo(200);

        browser.findElement(By.linkText("Back to your API tokens")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Your API tokens"));
        assertThat(browser.getPageSource()).doesNotContain(token);
        assertThat(browser.findElement(By.id("api-tokens")).getText()).contains("servicenow-prod").contains("active");
        problems.addAll(both(check, "tokens-list"));

        browser.get(base + "/admin/api-tokens");
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "All API tokens"));
        problems.addAll(both(check, "tokens-admin"));
        assertThat(Browser.clickAndAnswer(browser, By.cssSelector("#all-api-tokens button.danger"), true))
                .isEqualTo("Revoke the token servicenow-prod of Bootstrap administrator? Scripts using it stop working at once.");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert"), "is revoked"));
        assertThat(browser.findElement(By.id("all-api-tokens")).getText()).contains("revoked").contains("by Bootstrap administrator");
        problems.addAll(both(check, "tokens-admin-revoked"));
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/plans")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

        assertThat(problems).isEmpty();
    }

    private static List<String> both(PageCheck check, String name) {
        return both(check, name, 200);
    }

    private static List<String> both(PageCheck check, String name, int status) {
        List<String> problems = new ArrayList<>();
        for (int width : new int[] { 1280, 390 }) {
            check.width(width);
            problems.addAll(check.check(name + "-" + width, status));
        }
        check.width(1280);
        return problems;
    }
}
