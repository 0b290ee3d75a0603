package com.asaconsole.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import com.asaconsole.ConsoleTest;
import com.asaconsole.identity.TestAccounts;
import com.asaconsole.lab.ConsoleBrowser;
import com.asaconsole.lab.LabDirectory;
import com.asaconsole.lab.LabTest;
import com.asaconsole.lab.SambaDc;
import com.asaconsole.lab.SambaLab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The helpdesk's inventory in a real Chromium against the real Samba DC: a helpdesk user starts a
 * forest-wide scan, waits on its page until it is finished, reads the look-alike duplicate and the
 * SPN hiding a zero-width space, and downloads the inventory. (The page's htmx partial is tested in
 * {@link SpnInventoryTest}; a scan of the lab forest is over before the page could poll.)
 */
@ConsoleTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
@ExtendWith(SambaLab.class)
@LabTest
class InventoryBrowserTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 5);
    static final String OU = "OU=InventoryBrowserTest-" + RUN + "," + SambaDc.BASE_DN;
    static final String SPN = "http/outlook-" + RUN + ".contoso.test";
    static final String HIDDEN = "http/outlook-" + RUN + "\u200b.contoso.test";
    static final String HELPDESK_PASSWORD = "Helpdesk-Test-Pw-7";

    @Autowired ApplicationContext context;
    @Autowired DirectorySettings settings;

    @RegisterExtension
    final ConsoleBrowser console = new ConsoleBrowser(Duration.ofSeconds(60));

    @Test
    void helpdeskScansTheForestAndReadsTheLookAlikeDuplicate(SambaDc dc) throws Exception {
        LabDirectory.connect(settings, dc);
        TestAccounts.create(context, "hilda", HELPDESK_PASSWORD, "HELPDESK");
        LabOu.create(dc, OU);
        try {
            LdapTemplate ldap = LabOu.admin(dc);
            ldap.bind("CN=WEB" + RUN + "A," + OU, null, LabOu.computer("WEB" + RUN + "A", SPN));
            // the directory's duplicate check lets the twin in: it differs by an invisible character
            ldap.bind("CN=WEB" + RUN + "B," + OU, null, LabOu.computer("WEB" + RUN + "B", HIDDEN));

            console.signIn("hilda", HELPDESK_PASSWORD);
            console.open("/inventory");
            console.browser().findElement(By.xpath("//tr[td[normalize-space()='" + SambaDc.DNS_DOMAIN
                    + "']]//button[normalize-space()='Scan now']")).click();
            console.waiting().until(ExpectedConditions.textToBe(By.id("scan-status"), "FINISHED"));

            String duplicates = console.browser().findElement(By.id("duplicates")).getText();
            assertThat(duplicates).contains(SPN).contains("WEB" + RUN + "A$").contains("WEB" + RUN + "B$").contains("look-alike");
            assertThat(console.browser().findElement(By.id("suspicious")).getText()).contains("WEB" + RUN + "B$")
                    .contains("U+200B");

            String href = console.browser().findElement(By.id("inventory-csv")).getAttribute("href");
            Object csv = console.browser().executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));", href);
            assertThat(((String) csv).lines()).first().isEqualTo("account_dn,sam_account_name,spn");
            assertThat(((String) csv).lines()).contains("\"CN=WEB" + RUN + "A," + OU + "\",WEB" + RUN + "A$," + SPN,
                    "\"CN=WEB" + RUN + "B," + OU + "\",WEB" + RUN + "B$," + HIDDEN);

            // who started the scan is in the audit trail
            assertThat(context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                    .sql("SELECT actor_name || ' ' || outcome || ' ' || details FROM audit_record WHERE action = 'inventory.scan-started' "
                            + "ORDER BY seq DESC").query(String.class).list()).first().asString()
                    .startsWith("hilda SUCCESS").contains(SambaDc.DNS_DOMAIN);
        } finally {
            LabOu.delete(dc, OU);
        }
    }
}
