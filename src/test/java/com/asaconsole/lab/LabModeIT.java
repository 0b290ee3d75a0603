package com.asaconsole.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The lab mode as an evaluator meets it: {@code ./mvnw spring-boot:test-run} (the documented command,
 * the same classes) from a clean machine state provisions a Samba AD DC and the CAS member SIMULATORs
 * and serves the console; then docs/lab.md's road in Chromium with Kerberos single sign-on from the
 * printed instructions, as the lab's admin and reviewer: fill the topology from the directory and from
 * Exchange, plan two ASAs, submit, approve, run, and a verified deployment; then Ctrl-C stops everything.
 * Runs after the unit tests (failsafe), when this machine's Samba lab is free.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@LabTest
class LabModeIT {

    static Process lab;
    static Path log;
    static int port;
    static String console;
    static final Map<String, String> passwords = new LinkedHashMap<>();
    static final List<Integer> simulatorPorts = new ArrayList<>();
    static Path krb5Conf;
    static final Path SHOTS = Path.of("target", "lab-screenshots");

    @BeforeAll
    static void startTheLab() throws Exception {
        port = freePort();
        log = Files.createTempFile("asa-lab-mode-", ".log");
        // the evaluator's command; output to a file (it holds the printed passwords), never to the test report
        // a process group of its own, as a terminal gives a command: Ctrl-C then goes to that group
        lab = new ProcessBuilder("setsid", "./mvnw", "-q", "spring-boot:test-run", "-Dspring-boot.run.arguments=--server.port=" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String printed = awaitInstructions(Duration.ofMinutes(15));
        Matcher people = Pattern.compile("(?m)^\\s+(lab-[a-z]+)\\s+.*password: (\\S+)$").matcher(printed);
        while (people.find()) {
            passwords.put(people.group(1), people.group(2));
        }
        Matcher conf = Pattern.compile("export KRB5_CONFIG=(\\S+)").matcher(printed);
        assertThat(conf.find()).as("the single sign-on instructions").isTrue();
        krb5Conf = Path.of(conf.group(1));
        Matcher sims = Pattern.compile("(?m)^\\s+SIMULATOR \\S+\\s.*https://\\S+:(\\d+)/wsman$").matcher(printed);
        while (sims.find()) {
            simulatorPorts.add(Integer.parseInt(sims.group(1)));
        }
        console = "http://" + LabMode.CONSOLE_HOST + ":" + port;
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stopTheLab() {
        if (lab != null && lab.isAlive()) {
            interrupt(lab);
            LabProcess.kill(lab.toHandle());
        }
    }

    @Test
    @Order(1)
    void theLabServesTheLoginPageWithItsPeopleAndSimulators() throws Exception {
        assertThat(passwords).containsOnlyKeys("lab-admin", "lab-reviewer", "lab-helpdesk");
        assertThat(simulatorPorts).hasSize(5);
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(console + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("Sign in").contains("SIMULATOR").contains("cas1.contoso.test");
        // the instructions are printed, the passwords nowhere else: not in the console's log file
        assertThat(Files.readString(log)).contains(LabMode.READY);
    }

    @Test
    @Order(2)
    void docsLabRoadFromDiscoveryToAVerifiedDeploymentAsTheLabAdminAndReviewer() throws Exception {
        String changeUrl;
        ChromeDriver admin = signedIn("lab-admin");
        try {
            WebDriverWait wait = new WebDriverWait(admin, Duration.ofSeconds(90));
            // 1. the forest and its AD sites from the directory
            admin.get(console + "/topology/discover");
            new Select(admin.findElement(By.id("forest"))).selectByValue("contoso.test");
            admin.findElement(By.xpath("//button[normalize-space()='Read the directory']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("discovery-proposal")));
            admin.findElement(By.xpath("//button[normalize-space()='Add to the topology']")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Added forest contoso.test"));

            // 2. servers, array and namespaces from Exchange, read from the 2019 DR server
            admin.get(console + "/topology/discover/exchange");
            admin.findElement(By.id("server")).sendKeys("cas5.contoso.test");
            new Select(admin.findElement(By.id("version"))).selectByValue("EXCHANGE_2019");
            admin.findElement(By.xpath("//button[normalize-space()='Read the organization']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("exchange-proposal")));
            String proposal = admin.findElement(By.tagName("main")).getText();
            assertThat(proposal).contains("10 new, 0 changed, 0 gone, 3 the same.").contains("mail.contoso.test")
                    .contains("owa.contoso.test").contains("DR candidate").contains("SIMULATOR");
            screenshots(admin, "exchange-proposal");
            for (WebElement box : admin.findElements(By.cssSelector("input[name=item]"))) {
                box.click();
            }
            admin.findElement(By.xpath("//button[normalize-space()='Confirm the checked items']")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Confirmed 10 item(s) into the topology"));
            admin.get(console + "/topology/namespaces");
            admin.findElement(By.cssSelector("a[aria-label='Edit mail.contoso.test']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("siteIds-group")));
            screenshots(admin, "namespace-form");

            // 3. two ASAs (Exchange 2010 and 2013+ can't share one), each server planned to hold its own
            asa(admin, wait, "EXASA10$");
            asa(admin, wait, "EXASA16$");
            for (String server : List.of("cas1", "cas2", "cas3", "cas4", "cas5")) {
                admin.get(console + "/topology/servers");
                admin.findElement(By.cssSelector("a[aria-label='Edit " + server + ".contoso.test']")).click();
                String asa = server.equals("cas1") || server.equals("cas2") ? "EXASA10$" : "EXASA16$";
                Select select = new Select(admin.findElement(By.id("asaAccountId")));
                select.getOptions().stream().filter(o -> o.getText().startsWith("CONTOSO\\" + asa)).findFirst().orElseThrow().click();
                admin.findElement(By.xpath("//button[normalize-space()='Save server']")).click();
                wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Exchange servers"));
            }

            // 4. the plan: store it, submit every step
            admin.get(console + "/plans");
            String plan = admin.findElement(By.tagName("main")).getText();
            assertThat(plan).contains("http/mail.contoso.test").contains("http/owa.contoso.test").contains("exchangeMDB/outlook.contoso.test");
            admin.findElement(By.xpath("//button[normalize-space()='Store as a new version']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//button[normalize-space()='Submit for change']")));
            admin.findElement(By.xpath("//button[normalize-space()='Submit for change']")).click();
            wait.until(ExpectedConditions.textToBe(By.id("change-status"), "SUBMITTED"));
            changeUrl = admin.getCurrentUrl();
        } finally {
            admin.quit();
        }

        // 5. the reviewer approves exactly what they read
        ChromeDriver reviewer = signedIn("lab-reviewer");
        try {
            WebDriverWait wait = new WebDriverWait(reviewer, Duration.ofSeconds(90));
            reviewer.get(changeUrl);
            assertThat(reviewer.findElement(By.id("operations")).getText()).contains("http/mail.contoso.test");
            reviewer.findElement(By.id("comment")).sendKeys("lab road: checked");
            reviewer.findElement(By.xpath("//button[normalize-space()='Approve']")).click();
            wait.until(ExpectedConditions.textToBe(By.id("change-status"), "APPROVED"));
        } finally {
            reviewer.quit();
        }

        // 6. the admin runs it; the job ends verified on every simulated member
        admin = signedIn("lab-admin");
        try {
            WebDriverWait wait = new WebDriverWait(admin, Duration.ofMinutes(8));
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // the job page swaps its parts in place
            admin.get(changeUrl);
            Browser.clickAndAnswer(admin, By.id("run"), true);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job-status")));
            wait.until(d -> List.of("SUCCEEDED", "PAUSED", "ABORTED").contains(d.findElement(By.id("job-status")).getText()));
            String steps = admin.findElement(By.id("job-steps")).getText();
            assertThat(admin.findElement(By.id("job-status")).getText()).as(steps).isEqualTo("SUCCEEDED");
            assertThat(steps).contains("Convert the OAB virtual directory (Exchange 2010)")
                    .contains("Enable Negotiate on Outlook Anywhere and MAPI (Exchange 2013+)")
                    .contains("Verify Kerberos on every Client Access server");
            for (String member : List.of("cas1", "cas2", "cas3", "cas4", "cas5")) {
                assertThat(steps).containsPattern(member + "\\.contoso\\.test DONE .*Kerberos accepted for http/");
            }
            screenshots(admin, "job-succeeded");
            // 7. the audit story: the confirmation from Exchange and the whole change
            admin.get(changeUrl + "/story");
            assertThat(admin.findElement(By.id("story-records")).getText()).contains("change.approved").contains("job.succeeded");
            admin.get(console + "/audit?action=topology.discovery.confirmed");
            assertThat(admin.findElement(By.tagName("main")).getText()).contains("topology.discovery.confirmed").contains("Lab Exchange admin")
                    .contains("namespace:owa.contoso.test");
        } finally {
            admin.quit();
        }
    }

    @Test
    @Order(3)
    void ctrlCStopsTheConsoleTheDcAndTheSimulators() throws Exception {
        // Maven, the console's JVM, Samba and its children: all of them must end
        List<ProcessHandle> started = Stream.concat(Stream.of(lab.toHandle()), lab.descendants()).toList();
        assertThat(started).as("Maven, the console and the Samba DC").hasSizeGreaterThan(3);
        interrupt(lab);
        for (ProcessHandle process : started) {
            process.onExit().get(2, TimeUnit.MINUTES);
        }
        assertThat(started).noneMatch(ProcessHandle::isAlive);
        for (int p : Stream.concat(Stream.of(port, 88, 389, 636, 3268, 3269), simulatorPorts.stream()).toList()) {
            assertThat(LabProcess.portAnswers("127.0.0.1", p)).as("port " + p + " closed").isFalse();
        }
        assertThat(krb5Conf.getParent()).as("the DC's folder is removed").doesNotExist();
        assertThat(Files.readString(log)).contains("[lab] stopped: console lab, Samba AD DC and CAS member SIMULATORs");
    }

    // ---------------------------------------------------------------- helpers

    /** Chromium with a Kerberos ticket of this lab person, as the printed instructions say (kinit, then the browser). */
    private static ChromeDriver signedIn(String user) throws Exception {
        Path ccache = Files.createTempFile("asa-lab-ccache-", "");
        ProcessBuilder pb = new ProcessBuilder(LabProcess.require("kinit").toString(), "-c", "FILE:" + ccache, user + "@CONTOSO.TEST")
                .redirectErrorStream(true);
        pb.environment().put("KRB5_CONFIG", krb5Conf.toString());
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write((passwords.get(user) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as("kinit " + user).isTrue();
        ChromeDriver browser = Browser.withKerberos(Map.of("KRB5CCNAME", "FILE:" + ccache, "KRB5_CONFIG", krb5Conf.toString()));
        // Chromium fails its very first Negotiate challenge (docs/lab.md); every later one succeeds
        browser.get(console + "/about");
        browser.get(console + "/");
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));
        assertThat(browser.findElement(By.cssSelector(".who .user")).getText()).isEqualToIgnoringCase(user + "@contoso.test");
        return browser;
    }

    private static void asa(ChromeDriver admin, WebDriverWait wait, String sam) {
        admin.get(console + "/topology/asa-accounts/new");
        new Select(admin.findElement(By.id("forestId"))).selectByVisibleText("contoso.test");
        admin.findElement(By.id("samAccountName")).sendKeys(sam);
        admin.findElement(By.id("ou")).sendKeys("CN=Computers,DC=contoso,DC=test");
        admin.findElement(By.xpath("//button[normalize-space()='Save']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "CONTOSO\\" + sam));
    }

    /** The page at 1280 and 390 px wide, for a person to look at (target/lab-screenshots). */
    private static void screenshots(ChromeDriver browser, String name) throws IOException {
        for (int width : List.of(1280, 390)) {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(width, 1400));
            Files.write(SHOTS.resolve(name + "-" + width + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        }
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    }

    /** Ctrl-C in a terminal: SIGINT to the command's process group (Maven and the console's JVM it forked). */
    private static void interrupt(Process process) {
        try {
            new ProcessBuilder("kill", "-INT", "--", "-" + process.pid()).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String awaitInstructions(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.readString(log);
            int ready = text.indexOf(LabMode.READY);
            if (ready >= 0 && text.indexOf("\n====", ready + LabMode.READY.length() + 10) > 0) {
                return text.substring(ready);
            }
            if (!lab.isAlive()) {
                throw new AssertionError("the lab mode ended with exit code " + lab.exitValue() + " before it was ready: " + tail(text));
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the lab mode was not ready within " + timeout + ": " + tail(Files.readString(log)));
    }

    /** The end of the lab's output, without the lines that carry passwords. */
    private static String tail(String text) {
        List<String> lines = text.lines().filter(l -> !l.contains("password")).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
