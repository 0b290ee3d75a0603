package com.asaconsole.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven through Debian's chromedriver; nothing is downloaded at run time.
 * Each browser gets a fresh profile, removed when it quits.
 */
public final class Browser {

    private Browser() {
    }

    /**
     * Clicks a button that asks before it acts (data-confirm, a browser confirm dialog) and answers as a
     * person would: {@code accept} goes on, otherwise the dialog is cancelled. Fails when nothing asks.
     *
     * @return the question the console asked
     */
    public static String clickAndAnswer(WebDriver driver, By button, boolean accept) {
        driver.findElement(button).click();
        Alert alert = new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
        String question = alert.getText();
        if (accept) {
            alert.accept();
        } else {
            alert.dismiss();
        }
        return question;
    }

    public static ChromeDriver start() {
        return start(java.util.Map.of());
    }

    /**
     * A browser that does Kerberos (SPNEGO) for the lab's hosts with the ticket cache in
     * {@code environment} (KRB5CCNAME, KRB5_CONFIG), as a domain-joined workstation's would.
     */
    public static ChromeDriver withKerberos(java.util.Map<String, String> environment) {
        return start(environment, "--auth-server-allowlist=*.contoso.test", "--auth-negotiate-delegate-allowlist=");
    }

    private static ChromeDriver start(java.util.Map<String, String> environment, String... extraArguments) {
        Path chromium = LabProcess.require("chromium");
        Path driver = LabProcess.require("chromedriver");
        Path profile;
        try {
            profile = Files.createTempDirectory("asa-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                // overlay scrollbars, as on phones and most laptops: the page gets the whole window's width
                "--hide-scrollbars", "--user-data-dir=" + profile);
        options.addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().withEnvironment(environment).build();
        ChromeDriver browser = new ChromeDriver(service, options) {
            @Override
            public void quit() {
                try {
                    super.quit();
                } finally {
                    LabProcess.deleteTree(profile);
                }
            }
        };
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return browser;
    }
}
