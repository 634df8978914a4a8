package org.opengateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opengateway.account.CompanyGrants;
import org.opengateway.account.Language;
import org.opengateway.account.User;
import org.opengateway.account.Users;
import org.opengateway.testing.GatewayIT;
import org.opengateway.testing.TestInvoices;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The support console in a real headless Chromium, against the whole gateway: a person logs in, searches, sorts,
 * pages, chooses columns, exports the page to Excel and opens the file, opens an undelivered invoice and reads why,
 * fixes undelivered invoices on their page (corrects the recipient and watches it become delivered, cancels one,
 * replaces one by a corrected document), follows the overview's charts, and switches the language with the keyboard. Needs Chromium and its driver
 * ({@code -Dgateway.test.chromium=...} and {@code -Dgateway.test.chromedriver=...}); skipped with the reason otherwise.
 * Screenshots of each page are left in {@code target/console-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserIT extends GatewayIT {

    private static final String PASSWORD = "browser test password";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** 26 delivered and one undelivered: two pages of 25. */
    private static final int DELIVERED = 26;

    @Autowired
    Users users;
    @Autowired
    CompanyGrants grants;

    private ChromeDriver browser;
    private WebDriverWait wait;
    private Path downloads;
    private DemoCompany sender;
    private String prefix;

    @BeforeEach
    void browserAndInvoices() throws IOException {
        HeadlessChromium.assumeInstalled();
        if (browser == null) {
            startBrowser();
            sendInvoices();
        }
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPersonSearchesSortsPagesChoosesColumnsAndExportsTheInvoices() throws IOException {
        logIn(person(Language.EN));
        openSentList();
        type("search-number", prefix);
        browser.findElement(By.id("search")).click();
        waitForText(By.id("position"), "Page 1 of 2 · 27 invoices");
        assertThat(rows()).hasSize(25);
        screenshot("sent-list");

        sortBy("invoiceNumber");
        wait.until(d -> firstNumber().equals(prefix + "-01"));
        assertThat(header("invoiceNumber").getAttribute("aria-sort")).isEqualTo("ascending");
        sortBy("invoiceNumber");
        wait.until(d -> firstNumber().equals(prefix + "-99"));
        browser.findElement(By.id("next")).click();
        waitForText(By.id("position"), "Page 2 of 2");
        assertThat(rows()).hasSize(2);
        assertThat(firstNumber()).isEqualTo(prefix + "-02");
        browser.findElement(By.id("first")).click();
        waitForText(By.id("position"), "Page 1 of 2");
        wait.until(d -> firstNumber().equals(prefix + "-99"));
        browser.findElement(By.id("last")).click();
        waitForText(By.id("position"), "Page 2 of 2");
        // the last page is read from the end of the list: the last 25 rows, whichever page the first of them is on
        wait.until(d -> firstNumber().equals(prefix + "-25"));
        assertThat(rows()).hasSize(25);

        browser.findElement(By.id("choose-columns")).click();
        browser.findElement(By.cssSelector("#column-chooser input[name=channel]")).click();
        browser.findElement(By.cssSelector("#column-chooser input[name=receiver]")).click();
        List<String> chosen = List.of("invoiceNumber", "counterpart", "receiver", "issueDate", "receivedAt", "total",
                "currency", "status");
        wait.until(d -> columns().equals(chosen));
        waitForText(By.id("message"), "saved");
        browser.navigate().refresh();
        wait.until(d -> !rows().isEmpty() && columns().equals(chosen));
        assertThat(browser.findElement(By.id("position")).getText()).startsWith("Page 2 of 2");
        screenshot("sent-list-columns");

        browser.findElement(By.id("report")).click();
        Path file = await().atMost(DEADLINE).until(this::downloadedSpreadsheet, found -> found != null);
        List<List<String>> sheet = ConsoleApiIT.cells(Files.readAllBytes(file));
        List<String> headerTexts = browser.findElements(By.cssSelector("#invoices thead th")).stream()
                .map(WebElement::getText).toList();
        assertThat(sheet.get(0)).isEqualTo(headerTexts);
        List<List<String>> screen = rows().stream().map(row -> row.findElements(By.tagName("td")).stream()
                .map(WebElement::getText).toList()).toList();
        int total = chosen.indexOf("total");
        assertThat(sheet.subList(1, sheet.size()).stream().map(row -> Stream.concat(row.subList(0, total).stream(),
                Stream.concat(Stream.of(new BigDecimal(row.get(total)).setScale(2, RoundingMode.HALF_UP).toPlainString()),
                        row.subList(total + 1, row.size()).stream())).toList()).toList())
                .as("the rows and columns on screen").isEqualTo(screen);
    }

    @Test
    void anUndeliveredInvoiceShowsWhyAndItsTimeline() {
        logIn(person(Language.EN));
        openSentList();
        type("search-number", prefix);
        new Select(browser.findElement(By.id("search-status"))).selectByValue("UNDELIVERED");
        browser.findElement(By.id("search")).click();
        waitForText(By.id("position"), "Page 1 of 1 · 1 invoices");
        browser.findElement(By.linkText(prefix + "-99")).click();
        waitForText(By.id("reason"), "not registered in Peppol");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Undelivered");
        String timeline = browser.findElement(By.id("timeline")).getText();
        assertThat(timeline).contains("Received", "Accepted", "Sending", "Undelivered");
        assertThat(browser.findElements(By.id("fix-actions"))).as("the place for the fix actions").hasSize(1);
        assertThat(browser.findElement(By.id("downloads")).getText()).contains("Download the original document");
        screenshot("undelivered-invoice");
    }

    @Test
    void aPersonCorrectsTheRecipientOnThePageAndSeesTheInvoiceDelivered() {
        String id = undelivered(uniqueNumber("FIXWEB"));
        User user = person(Language.EN);
        logIn(user);
        openInvoice(id);
        waitForText(By.id("reason"), "is not registered in Peppol");
        assertThat(browser.findElement(By.id("fix-title")).getText()).isEqualTo("Why it was not delivered");
        assertThat(browser.findElements(By.cssSelector("#fix-actions form.fix")).stream()
                .map(form -> form.getAttribute("id")).toList())
                .containsExactly("fix-recipient", "fix-resend", "fix-upload", "fix-cancel");
        screenshot("fix-offered");

        WebElement participant = browser.findElement(By.id("fix-participant"));
        participant.clear();
        participant.sendKeys("5564982212", Keys.ENTER);
        waitForText(By.id("fix-participant-error"), "participant");
        assertThat(browser.findElement(By.id("fix-participant")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("back in the field").isEqualTo("fix-participant");

        DemoCompany receiver = demo("receiver");
        participant = browser.findElement(By.id("fix-participant"));
        participant.clear();
        participant.sendKeys(receiver.participant(), Keys.ENTER);
        waitForText(By.id("fix-outcome"), "The recipient is now " + receiver.participant());
        // no reload from here on: the page shows the delivery by itself
        waitForText(By.id("status"), "Delivered");
        assertThat(browser.findElement(By.id("timeline")).getText())
                .contains("Recipient corrected by " + user.email()).contains("Delivered");
        assertThat(browser.findElement(By.id("fields")).getText()).contains(receiver.participant());
        assertThat(browser.findElements(By.id("fix-actions"))).as("nothing left to fix").isEmpty();
        screenshot("fix-delivered");
    }

    @Test
    void aPersonCancelsAnUndeliveredInvoiceAfterSayingWhy() {
        String id = undelivered(uniqueNumber("FIXWEB"));
        User user = person(Language.EN);
        logIn(user);
        openInvoice(id);
        WebElement open = wait.until(ExpectedConditions.elementToBeClickable(By.id("fix-cancel-open")));
        assertThat(browser.findElement(By.id("fix-cancel-body")).isDisplayed()).as("asked for first").isFalse();
        open.sendKeys(Keys.ENTER);
        WebElement reason = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("fix-cancel-reason")));
        assertThat(browser.switchTo().activeElement()).isEqualTo(reason);
        reason.sendKeys("Sent to the wrong customer");
        browser.findElement(By.id("fix-cancel-submit")).click();
        waitForText(By.id("status"), "Cancelled");
        assertThat(browser.findElement(By.id("fix-outcome")).getText()).contains("It will never be sent");
        assertThat(browser.findElement(By.id("timeline")).getText())
                .contains("Cancelled by " + user.email() + ": Sent to the wrong customer");
        assertThat(json(get(sender.apiKey(), "/api/v1/invoices/" + id)).get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void aPersonUploadsACorrectedDocumentAndBothInvoicesLinkToEachOther() throws IOException {
        String number = uniqueNumber("FIXWEB");
        String id = undelivered(number);
        logIn(person(Language.EN));
        openInvoice(id);
        Path corrected = Files.createTempFile("corrected-", ".xml");
        Files.write(corrected, TestInvoices.invoiceBytes(number + "-B", sender.participant(),
                demo("receiver").participant()));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("fix-file"))).sendKeys(corrected.toString());
        browser.findElement(By.id("fix-upload-submit")).click();

        wait.until(d -> d.getCurrentUrl().contains("/sent/") && !d.getCurrentUrl().endsWith(id));
        waitForText(By.cssSelector("h1"), number + "-B");
        waitForText(By.id("fix-outcome"), "accepted as invoice " + number + "-B");
        screenshot("fix-replacement");
        // the new invoice's page shows itself afresh while it is sent: click the link as it is drawn now
        wait.until(d -> {
            d.findElement(By.cssSelector("#replaces a")).click();
            return true;
        });
        waitForText(By.id("status"), "Replaced");
        assertThat(browser.findElement(By.id("replaced-by")).getText()).contains("replaced by a corrected document");
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("Replaced by the corrected invoice");
    }

    @Test
    void aFixRefusedBecauseTheInvoiceChangedMeanwhileIsExplainedAndThePageShowsItAsItIs() {
        String id = undelivered(uniqueNumber("FIXWEB"));
        logIn(person(Language.EN));
        openInvoice(id);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("fix-resend-submit")));
        // someone else cancels it while the page is open
        HttpResponse<String> cancelled = send(HttpRequest.newBuilder(url("/api/v1/companies/" + sender.companyId()
                        + "/invoices/" + id + "/cancel"))
                .header("Authorization", "Bearer " + sender.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"Cancelled in the ERP\"}")).build());
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);

        browser.findElement(By.id("fix-resend-submit")).click();
        waitForText(By.id("fix-outcome"), "That did not work. This is not possible now: the invoice is CANCELLED.");
        waitForText(By.id("status"), "Cancelled");
        assertThat(browser.findElement(By.id("fix-outcome")).getText()).endsWith("The page now shows the invoice as it is.");
        assertThat(browser.findElements(By.id("fix-actions"))).isEmpty();
    }

    @Test
    void theOverviewDrawsTheFlowAndEachChartLeadsToItsList() {
        logIn(person(Language.EN));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chart-per-day")));
        assertThat(browser.findElements(By.cssSelector("#chart-per-day svg a.bar"))).hasSize(60);
        assertThat(browser.findElement(By.id("share")).getText()).endsWith("%");
        assertThat(Integer.parseInt(browser.findElement(By.id("waiting")).getText())).isGreaterThanOrEqualTo(1);
        screenshot("overview");
        browser.findElement(By.id("waiting")).click();
        wait.until(d -> d.getCurrentUrl().contains("/sent?status=UNDELIVERED"));
        wait.until(d -> new Select(d.findElement(By.id("search-status"))).getFirstSelectedOption().getAttribute("value")
                .equals("UNDELIVERED"));
        assertThat(rows()).isNotEmpty().allSatisfy(row -> assertThat(row.getText()).contains("Undelivered"));
    }

    @Test
    void theKeyboardSwitchesTheLanguageAndItIsKept() {
        User user = person(Language.EN);
        logIn(user);
        WebElement nav = browser.findElement(By.cssSelector("header nav"));
        assertThat(nav.getText()).contains("Sent invoices");
        chord("1");
        waitForText(By.cssSelector("header nav"), "Skickade fakturor");
        await().atMost(DEADLINE).until(() -> users.findById(user.id()).orElseThrow().language() == Language.SV);
        screenshot("overview-swedish");
        chord("4");
        waitForText(By.cssSelector("header nav"), "Lähetetyt laskut");
        chord("2");
        waitForText(By.cssSelector("header nav"), "Sent invoices");
        await().atMost(DEADLINE).until(() -> users.findById(user.id()).orElseThrow().language() == Language.EN);
    }

    private void startBrowser() throws IOException {
        downloads = Files.createTempDirectory("console-downloads-");
        browser = HeadlessChromium.start(downloads);
        wait = HeadlessChromium.waitFor(browser);
    }

    /** Numbers PREFIX-01 to -26 to the demo receiver (delivered), and PREFIX-99 to no one (undelivered). */
    private void sendInvoices() {
        sender = demo("sender");
        DemoCompany receiver = demo("receiver");
        prefix = uniqueNumber("WEB");
        for (int i = 1; i <= DELIVERED; i++) {
            assertThat(post(sender.apiKey(), TestInvoices.invoiceBytes(prefix + "-%02d".formatted(i),
                    sender.participant(), receiver.participant())).statusCode()).isEqualTo(202);
        }
        String undelivered = json(post(sender.apiKey(), TestInvoices.invoiceBytes(prefix + "-99", sender.participant(),
                freshParticipant()))).get("id").asString();
        await().atMost(DEADLINE).until(() -> json(get(sender.apiKey(), "/api/v1/invoices/" + undelivered))
                .get("status").asString().equals("UNDELIVERED"));
    }

    /** An invoice to a participant no SMP knows, once it has ended UNDELIVERED. */
    private String undelivered(String number) {
        String id = json(post(sender.apiKey(), TestInvoices.invoiceBytes(number, sender.participant(),
                freshParticipant()))).get("id").asString();
        await().atMost(DEADLINE).until(() -> json(get(sender.apiKey(), "/api/v1/invoices/" + id))
                .get("status").asString().equals("UNDELIVERED"));
        return id;
    }

    private void openInvoice(String id) {
        browser.get(url("/console/#/" + sender.companyId() + "/sent/" + id).toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline")));
    }

    private User person(Language language) {
        User user = users.create("browser-" + UUID.randomUUID() + "@example.com", "Browser Tester", language, PASSWORD,
                false);
        grants.grant(user.id(), UUID.fromString(sender.companyId()), CompanyGrants.ADMINISTRATOR);
        return user;
    }

    /** Logs in afresh: the cookie and the tab's storage of an earlier test are cleared on the console's own origin. */
    private void logIn(User user) {
        browser.get(url("/console/").toString());
        browser.manage().deleteAllCookies();
        browser.executeScript("sessionStorage.clear(); localStorage.clear();");
        browser.get(url("/console/#/login").toString());
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("email"))).sendKeys(user.email());
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        screenshot("login");
        browser.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chart-per-day")));
    }

    private void openSentList() {
        browser.findElement(By.linkText("Sent invoices")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-number")));
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private void sortBy(String column) {
        header(column).findElement(By.tagName("button")).click();
    }

    private WebElement header(String column) {
        return browser.findElement(By.cssSelector("#invoices th[data-column=" + column + "]"));
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#invoices tbody tr[data-id]"));
    }

    private List<String> columns() {
        return browser.findElements(By.cssSelector("#invoices thead th")).stream()
                .map(th -> th.getAttribute("data-column")).toList();
    }

    private String firstNumber() {
        List<WebElement> rows = rows();
        return rows.isEmpty() ? "" : rows.get(0).findElement(By.tagName("a")).getText();
    }

    private void waitForText(By where, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(where, text));
    }

    private void chord(String digit) {
        new Actions(browser).keyDown(Keys.CONTROL).keyDown(Keys.SHIFT).sendKeys(digit).keyUp(Keys.SHIFT)
                .keyUp(Keys.CONTROL).perform();
    }

    private Path downloadedSpreadsheet() throws IOException {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".xlsx")).findFirst().orElse(null);
        }
    }

    private void screenshot(String name) {
        HeadlessChromium.screenshot(browser, name);
    }
}
