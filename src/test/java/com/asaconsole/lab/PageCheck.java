package com.asaconsole.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What every page of the console must be, checked on the page a Chromium has open: no axe-core violation of impact
 * serious or critical against WCAG 2.1 A and AA, no horizontal overflow of the page (a wide table scrolls in its own
 * box), no empty-state row beside data rows, and no server error. Each problem is a line naming the page and width;
 * a full-page screenshot of each check is saved for people to look at.
 */
public final class PageCheck {

    /** The WCAG 2.0/2.1 A and AA rules of axe-core. */
    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private final ChromeDriver browser;
    private final Path screenshots;

    public PageCheck(ChromeDriver browser, Path screenshots) {
        this.browser = browser;
        this.screenshots = screenshots;
    }

    /** The HTTP status the browser got for the page it shows (Navigation Timing's responseStatus). */
    public long status() {
        Object status = browser.executeScript(
                "const n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : 0;");
        return status instanceof Number n ? n.longValue() : 0;
    }

    /** Sets the viewport (not the window) to this width, so that window.innerWidth is exactly it. */
    public void width(int width) {
        // the window is wider than its viewport by the browser's frame: set, read the viewport once it has settled
        // (a busy browser reports the old size for a while after a resize), correct by the difference, repeat
        int off = 0;
        int inner = -1;
        for (int attempt = 0; attempt < 6 && inner != width; attempt++) {
            browser.manage().window().setSize(new Dimension(width + off, 900));
            inner = settledViewportWidth();
            off = Math.max(0, Math.min(200, off + width - inner)); // a frame is never negative nor wider than 200 px
        }
        if (inner != width) {
            throw new IllegalStateException("the browser's viewport stays " + inner + " px wide, not " + width);
        }
        // let console.js react to the resize (scrolling tables get their keyboard access)
        browser.executeScript("window.dispatchEvent(new Event('resize'));");
    }

    private int settledViewportWidth() {
        int last = -1;
        for (int i = 0; i < 50; i++) {
            int now = ((Number) browser.executeScript("return window.innerWidth;")).intValue();
            if (now == last) {
                return now;
            }
            last = now;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return now;
            }
        }
        return last;
    }

    /**
     * Checks the page open now at the current width and saves its screenshot as {@code name}.png.
     *
     * @param expectedStatus the status this page must have (200, or 403/404 for the error pages on the tour)
     * @return the problems found, one sentence each; empty when the page is fine
     */
    public List<String> check(String name, long expectedStatus) {
        List<String> problems = new ArrayList<>();
        int width = ((Number) browser.executeScript("return window.innerWidth;")).intValue();
        String where = name + " at " + width + " px (" + browser.getCurrentUrl() + ")";
        long status = status();
        if (status >= 500) {
            problems.add(where + ": server error " + status);
        } else if (status != expectedStatus) {
            problems.add(where + ": status " + status + ", expected " + expectedStatus);
        }
        // against the width the page may use (the window, less a scrollbar if one takes room)
        Object overflow = browser.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        if (((Number) overflow).intValue() > 1) {
            problems.add(where + ": the page is " + overflow + " px wider than the window; sticking out: " + widest());
            save(name + "-" + width + ".html", String.valueOf(browser.executeScript("return document.documentElement.outerHTML;")));
        }
        Object mixed = browser.executeScript("return [...document.querySelectorAll('tbody')]"
                + ".filter(b => b.querySelector('tr.empty') && b.querySelector('tr:not(.empty)'))"
                + ".map(b => (b.closest('table').id || b.closest('table').className)).join(', ');");
        if (!mixed.toString().isEmpty()) {
            problems.add(where + ": an empty-state row beside data rows in " + mixed);
        }
        // legacy mode: the console's pages have no frames, and the default mode opens an about:blank window per check,
        // which chromedriver on a busy machine sometimes fails ("Timed out receiving message from renderer")
        Results axe = new AxeBuilder().setLegacyMode(true).withTags(WCAG_21_AA).analyze(browser);
        if (axe.isErrored()) {
            problems.add(where + ": axe-core failed: " + axe.getErrorMessage());
        }
        for (Rule rule : axe.getViolations()) {
            if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                List<String> nodes = new ArrayList<>();
                for (CheckedNode node : rule.getNodes()) {
                    nodes.add(String.valueOf(node.getTarget()));
                }
                problems.add(where + ": axe " + rule.getImpact() + " " + rule.getId() + " (" + rule.getHelp() + ") at " + nodes);
            }
        }
        screenshot(name + "-" + width);
        return problems;
    }

    /** A full-page PNG (beyond the viewport) under the screenshot folder. */
    public Path screenshot(String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> shot = (Map<String, Object>) (Map<?, ?>) browser.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true));
        Path file = screenshots.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A PNG of one element of the page open now (a picture for the docs); false when the page has no such element. */
    public boolean elementScreenshot(String css, String name) {
        var found = browser.findElements(org.openqa.selenium.By.cssSelector(css));
        if (found.isEmpty()) {
            return false;
        }
        try {
            Files.createDirectories(screenshots);
            Files.write(screenshots.resolve(name + ".png"), found.get(0).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    /** The elements that make the page wider: past the window's right edge and not inside a box that clips them. */
    private String widest() {
        return String.valueOf(browser.executeScript("const out = [];"
                + " const clipped = e => { for (let p = e.parentElement; p; p = p.parentElement) {"
                + "   const o = getComputedStyle(p).overflowX; if (o !== 'visible' && o !== 'clip' || p === document.body) { return o !== 'visible'; } }"
                + "   return false; };"
                + " for (const e of document.querySelectorAll('body *')) { const r = e.getBoundingClientRect();"
                + "   if (r.right > document.documentElement.clientWidth + 1 && !clipped(e)) {"
                + "     out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className ? '.' + "
                        + "e.className.split(' ').join('.') : '')"
                + "       + ' to ' + Math.round(r.right) + ' px'); } }"
                + " return out.slice(0, 5).join(', ') || 'nothing visible (an absolutely placed element?)';"));
    }

    private void save(String name, String text) {
        try {
            Files.createDirectories(screenshots);
            Files.writeString(screenshots.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_")), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
