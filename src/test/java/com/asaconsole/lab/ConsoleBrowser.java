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
}
