package com.asaconsole.lab;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A Chromium on the console under test: open a page, sign in with the form, sign out. */
public final class ConsoleBrowser implements AutoCloseable {

    public final ChromeDriver driver;
    public final WebDriverWait wait;
    private final int port;

    public ConsoleBrowser(int port, Duration patience) {
        this.driver = Browser.start();
        this.wait = new WebDriverWait(driver, patience);
        this.port = port;
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

    @Override
    public void close() {
        driver.quit();
    }
}
