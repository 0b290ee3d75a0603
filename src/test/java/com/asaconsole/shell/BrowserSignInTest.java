package com.asaconsole.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import com.asaconsole.ConsoleTest;
import com.asaconsole.lab.Browser;
import com.asaconsole.lab.LabTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** In a real Chromium: the bootstrap admin signs in, sees the dashboard, and signs out. */
@ConsoleTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@LabTest
class BrowserSignInTest {

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
    void theBootstrapAdminSignsInSeesTheDashboardAndSignsOut() throws Exception {
        browser.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in");

        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(ConsoleTest.BOOTSTRAP_PASSWORD);
        browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();

        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));
        // the one layout: the page's title with the console's name, the shared header and footer around its content
        assertThat(browser.getTitle()).isEqualTo("Dashboard · ASA Console");
        assertThat(browser.findElements(By.cssSelector("header.site-header + main#main > section"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("footer.site-footer")).getText()).contains("Alternate Service Account");
        assertThat(browser.findElement(By.cssSelector(".who .user")).getText()).isEqualTo("admin");
        assertThat(browser.findElement(By.cssSelector("nav.site-nav")).getText()).contains("Local accounts");
        assertThat(browser.findElement(By.cssSelector("p.lead")).getText()).contains("You are signed in as Exchange admin.");
        assertThat(browser.findElement(By.id("next-step")).getText()).as("the cockpit names a next step").startsWith("Next step: ");
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("target/screenshots"));
        Files.copy(shot, Path.of("target/screenshots/dashboard.png"), StandardCopyOption.REPLACE_EXISTING);

        // htmx is loaded and the page's own scripts run under the Content-Security-Policy
        assertThat(browser.executeScript("return typeof htmx !== 'undefined' && htmx.version")).isEqualTo("2.0.8");

        browser.findElement(By.linkText("Local accounts")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Local accounts"));
        assertThat(browser.findElement(By.cssSelector("#local-accounts table")).getText()).contains("admin").contains("Bootstrap administrator");

        browser.findElement(By.cssSelector(".who button")).click();
        wait.until(ExpectedConditions.urlContains("/login?logout"));
        assertThat(browser.findElement(By.cssSelector(".alert")).getText()).isEqualTo("You have signed out.");

        browser.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
    }
}
