package com.asaconsole.lab;

import java.time.Duration;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * {@code @RegisterExtension ConsoleBrowser console = new ConsoleBrowser(patience)}: a fresh Chromium
 * for each test on the console under test (the Spring context's random port), closed after it;
 * open a page, sign in with the form, sign out.
 */
public final class ConsoleBrowser implements BeforeEachCallback, AfterEachCallback {

    private final Duration patience;
    private ChromeDriver driver;
    private WebDriverWait wait;
    private int port;

    public ConsoleBrowser(Duration patience) {
        this.patience = patience;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        port = SpringExtension.getApplicationContext(context).getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        driver = Browser.start();
        wait = new WebDriverWait(driver, patience);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    public ChromeDriver browser() {
        return driver;
    }

    public WebDriverWait waiting() {
        return wait;
    }

    public void open(String path) {
        driver.get("http://localhost:" + port + path);
    }

    public void signIn(String user, String password) {
        open("/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));
    }

    public void signOut() {
        driver.findElement(By.cssSelector(".who button")).click();
        wait.until(ExpectedConditions.urlContains("/login?logout"));
    }

    /** The contrast ratio of the first matching element's text colour against its background colour (WCAG's formula). */
    public static final String CONTRAST = """
            const e = document.querySelector(arguments[0]); const s = getComputedStyle(e);
            const lum = c => { const v = c.match(/[\\d.]+/g).slice(0, 3).map(x => x / 255)
                .map(x => x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4)); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
            const a = lum(s.color), b = lum(s.backgroundColor);
            return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);""";

    /** The whole page at the window's width into target/screenshots (the window grows to the page's height for the shot). */
    public void screenshot(String name) {
        org.openqa.selenium.Dimension window = browser().manage().window().getSize();
        long height = ((Number) browser().executeScript("return document.documentElement.scrollHeight")).longValue();
        browser().manage().window().setSize(new org.openqa.selenium.Dimension(window.getWidth(), (int) Math.min(height + 120, 4000)));
        try {
            java.nio.file.Path shot = browser().getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath();
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/screenshots"));
            java.nio.file.Files.copy(shot, java.nio.file.Path.of("target/screenshots", name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            browser().manage().window().setSize(window);
        }
    }
}
