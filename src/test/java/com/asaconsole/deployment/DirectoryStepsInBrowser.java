package com.asaconsole.deployment;

import java.util.List;

import com.asaconsole.lab.ConsoleBrowser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * What an admin does in the browser to submit a plan version's account, credential and SPN steps (Negotiate and the
 * verification left out). The credential step stays: the SPN step refuses to run before every member holds it.
 */
final class DirectoryStepsInBrowser {

    private DirectoryStepsInBrowser() {
    }

    /** Unticks enable-negotiate and verify on the plan version's page, submits, and returns the new change's address. */
    static String submit(ConsoleBrowser console, int version) {
        console.open("/plans/" + version);
        for (String step : List.of("enable-negotiate", "verify")) {
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
