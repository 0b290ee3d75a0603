package com.asaconsole.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.asaconsole.ConsoleTest;
import com.asaconsole.identity.TestAccounts;
import com.asaconsole.lab.ConsoleBrowser;
import com.asaconsole.lab.LabTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Swagger UI's "Try it out" for a write, in a real Chromium, the two ways the API description offers: signed in,
 * with the session's CSRF token pasted under Authorize → csrfHeader; and with a personal API token pasted under
 * Authorize → apiToken and the session cookie gone, so the token alone carries the call. Each creates a forest
 * (201); the audit trail names the session's person and the token respectively. Without the CSRF header the
 * session's write is refused with the problem that says what to send.
 */
@ConsoleTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@DirtiesContext
@LabTest
class SwaggerTryItOutTest {

    private static final String FOREST = """
            {"dnsName":"%s","netbiosName":"%s","ldapsEndpoint":"ldaps://dc01.%s:636",
             "globalCatalogEndpoint":"ldaps://dc01.%s:3269","asaOu":"OU=Service Accounts,DC=x,DC=com"}""";

    @RegisterExtension
    final ConsoleBrowser console = new ConsoleBrowser(Duration.ofSeconds(60));

    @Autowired MockMvc mvc;
    @Autowired ApplicationContext context;
    @Autowired JdbcClient jdbc;

    @Test
    void tryItOutWritesWithTheSessionAndCsrfAndWithAPastedToken() throws Exception {
        TestAccounts.create(context, "ada", "amber tidal compass", "ADMIN");
        String token = TestAccounts.apiToken(mvc, "ada", "amber tidal compass", "swagger", "");
        console.signIn("ada", "amber tidal compass");

        // the session: without the CSRF header the write is refused with the sentence that says what to send ...
        openSwagger();
        assertThat(execute("session-nocsrf.test")).isEqualTo("403");
        assertThat(responseBody()).contains("CSRF token missing or wrong").contains("X-CSRF-TOKEN");
        // ... and with the token GET /api/csrf gives, pasted under Authorize → csrfHeader, it is created
        String csrf = (String) console.browser().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/csrf').then(r => r.json()).then(j => done(j.token), e => done('failed: ' + e));");
        openSwagger();
        authorize("csrfHeader", csrf);
        assertThat(execute("session.test")).isEqualTo("201");

        // a pasted token with no session at all: the token alone carries the write
        openSwagger();
        console.browser().manage().deleteCookieNamed("JSESSIONID");
        authorize("apiToken", token);
        assertThat(execute("token.test")).isEqualTo("201");

        List<String> trail = jdbc.sql("SELECT actor_name || ' ' || outcome FROM audit_record WHERE action = 'topology.saved' ORDER BY seq")
                .query(String.class).list();
        assertThat(trail).containsExactly("ada SUCCESS", "ada (API token swagger) SUCCESS");
        assertThat(jdbc.sql("SELECT dns_name FROM forest ORDER BY id").query(String.class).list()).containsExactly("session.test",
                "token.test");
    }

    private void openSwagger() {
        console.open("/swagger-ui.html");
        console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock-summary-path[data-path='/api/topology/forests']")));
    }

    /** Authorize → the named scheme's value → Authorize → Close. */
    private void authorize(String scheme, String value) {
        console.browser().findElement(By.cssSelector(".scheme-container button.authorize")).click();
        By container = By.xpath("//div[contains(@class,'auth-container')][.//h4/code[normalize-space(.)='" + scheme + "']]");
        WebElement form = console.waiting().until(ExpectedConditions.visibilityOfElementLocated(container));
        form.findElement(By.tagName("input")).sendKeys(value);
        form.findElement(By.xpath(".//button[contains(@class,'authorize')]")).click();
        // authorized: the scheme's button now says Logout
        console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//div[contains(@class,'auth-container')][.//h4/code[normalize-space(.)='" + scheme + "']]//button[normalize-space(.)='Logout']")));
        console.browser().findElement(By.cssSelector(".modal-ux button.btn-done")).sendKeys(Keys.ENTER);
        console.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-ux")));
    }

    /** Opens POST /api/topology/forests, Try it out, a forest body, Execute: answers the status Swagger UI shows. */
    private String execute(String dnsName) {
        WebElement block = console.browser().findElement(By.xpath(
                "//div[contains(@class,'opblock-post')][.//span[@data-path='/api/topology/forests']]"));
        block.findElement(By.cssSelector(".opblock-summary")).click();
        console.waiting().until(ExpectedConditions.elementToBeClickable(block.findElement(By.cssSelector("button.try-out__btn")))).click();
        WebElement body = console.waiting().until(ExpectedConditions.visibilityOf(block.findElement(By.cssSelector("textarea.body-param__text"))));
        body.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        String netbios = dnsName.substring(0, dnsName.indexOf('.')).replace("-", "").toUpperCase(java.util.Locale.ROOT);
        body.sendKeys(FOREST.formatted(dnsName, netbios.length() > 15 ? netbios.substring(0, 15) : netbios, dnsName, dnsName));
        block.findElement(By.cssSelector("button.execute")).click();
        By status = By.cssSelector(".live-responses-table .response .response-col_status");
        return console.waiting().until(d -> {
            List<WebElement> shown = block.findElements(status);
            return shown.isEmpty() || shown.get(0).getText().isBlank() ? null : shown.get(0).getText().strip().split("\\s")[0];
        });
    }

    private String responseBody() {
        return console.browser().findElement(By.cssSelector(".live-responses-table .response .response-col_description")).getText();
    }
}
