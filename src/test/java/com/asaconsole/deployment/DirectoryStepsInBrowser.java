package com.asaconsole.deployment;

import java.util.List;

import com.asaconsole.lab.ConsoleBrowser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** What an admin does in the browser to submit only the directory steps of a plan version (no CAS members in the estate). */
final class DirectoryStepsInBrowser {

    private DirectoryStepsInBrowser() {
    }

    /** Unticks the remote steps on the plan version's page, submits, and returns the new change's address. */
    static String submit(ConsoleBrowser console, int version) {
        console.open("/plans/" + version);
        for (String step : List.of("deploy-credential", "enable-negotiate", "verify")) {
            WebElement box = console.browser().findElement(By.id("step-" + step));
            if (box.isSelected()) {
                box.click();
            }
        }
        console.browser().findElement(By.xpath("//button[normalize-space()='Submit for change']")).click();
        console.waiting().until(ExpectedConditions.textToBe(By.id("change-status"), "SUBMITTED"));
        return console.browser().getCurrentUrl();
    }
}
