package com.asaconsole.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import com.asaconsole.ConsoleTest;
import com.asaconsole.lab.Browser;
import com.asaconsole.lab.ConsoleClient;
import com.asaconsole.lab.ConsoleJvm;
import com.asaconsole.lab.LargeEstate;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Screenshots of the pages issue 15 changed, at 1280 and 390 px, into target/screenshots (not a
 * test: for people to look at). A console with 1,200 servers and 1,200 namespaces, so paging and
 * the change document's refusal show.
 */
public final class Screenshots {

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("asa-shots");
        try (ConsoleJvm console = ConsoleJvm.start("screenshots", List.of("-Xmx384m"),
                List.of("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db"), "--logging.file.name=" + dir.resolve("log.json")))) {
            ConsoleClient admin = new ConsoleClient(console.baseUrl());
            admin.signIn("admin", ConsoleTest.BOOTSTRAP_PASSWORD);
            LargeEstate.load(admin, "big.test", 12, 1_200, 1_200, 3);
            admin.postForm("/plans", "");
            admin.postForm("/topology/sites", "forestId=1&name=Extra");
            admin.postJson("/api/topology/namespaces", "{\"fqdn\":\"extra.big.test\",\"scope\":\"BOTH\","
                    + "\"services\":[\"EWS\"],\"siteId\":1,\"serverIds\":[1]}");
            admin.postForm("/plans", "");
            ChromeDriver browser = Browser.start();
            try {
                browser.get(console.baseUrl() + "/login");
                browser.findElement(By.id("username")).sendKeys("admın");
                browser.findElement(By.id("password")).sendKeys(ConsoleTest.BOOTSTRAP_PASSWORD);
                browser.findElement(By.cssSelector("form button[type=submit]")).click();
                shoot(browser, "sign-in-look-alike");
                browser.findElement(By.id("username")).clear();
                browser.findElement(By.id("username")).sendKeys("admin");
                browser.findElement(By.id("password")).sendKeys(ConsoleTest.BOOTSTRAP_PASSWORD);
                browser.findElement(By.cssSelector("form button[type=submit]")).click();
                for (String[] page : List.of(new String[] { "topology-servers", "/topology/servers?page=3" },
                        new String[] { "topology-asa-accounts", "/topology/asa-accounts" },
                        new String[] { "plans-current", "/plans" }, new String[] { "plan-version", "/plans/2" },
                        new String[] { "plan-version-page-3", "/plans/2?page=3" },
                        new String[] { "wizard-deploy-credential", "/plans/2/wizard/deploy-credential?page=1" },
                        new String[] { "change-document-refused", "/plans/2/change-document" },
                        new String[] { "changes", "/changes" }, new String[] { "audit-verify", "/audit/verify" })) {
                    browser.get(console.baseUrl() + page[1]);
                    shoot(browser, page[0]);
                }
                // a value too long for its column, and an edit that moves a stored password elsewhere
                browser.get(console.baseUrl() + "/topology/forests/new");
                browser.findElement(By.id("dnsName")).sendKeys("long.test");
                browser.findElement(By.id("netbiosName")).sendKeys("LONG");
                browser.findElement(By.id("asaOu")).sendKeys("OU=" + "x".repeat(520) + ",DC=long,DC=test");
                browser.findElement(By.cssSelector("form button[type=submit]")).click();
                shoot(browser, "forest-too-long");
            } finally {
                browser.quit();
            }
        }
    }

    private static void shoot(ChromeDriver browser, String name) throws Exception {
        Files.createDirectories(Path.of("target/screenshots"));
        for (int width : new int[] { 1280, 390 }) {
            browser.manage().window().setSize(new Dimension(width, 900));
            Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, Path.of("target/screenshots", name + "-" + width + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
        browser.manage().window().setSize(new Dimension(1280, 900));
    }
}
