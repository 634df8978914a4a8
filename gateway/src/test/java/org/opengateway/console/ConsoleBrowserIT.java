package org.opengateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The support console in a real headless Chromium, against the whole gateway: a person logs in, searches, sorts,
 * pages, chooses columns, exports the page to Excel and opens the file, opens an undelivered invoice and reads why,
 * follows the overview's charts, and switches the language with the keyboard. Needs Chromium and its driver
 * ({@code -Dgateway.test.chromium=...} and {@code -Dgateway.test.chromedriver=...}); skipped with the reason otherwise.
 * Screenshots of each page are left in {@code target/console-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserIT extends GatewayIT {

    static final String CHROMIUM = "gateway.test.chromium";
    static final String CHROMEDRIVER = "gateway.test.chromedriver";
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
        String chromium = System.getProperty(CHROMIUM, "");
        String driver = System.getProperty(CHROMEDRIVER, "");
        assumeTrue(!chromium.isBlank() && !driver.isBlank() && new File(chromium).canExecute()
                && new File(driver).canExecute(), "needs a headless browser: pass -D" + CHROMIUM + "=/usr/bin/chromium -D"
                + CHROMEDRIVER + "=/usr/bin/chromedriver (Debian packages chromium and chromium-driver; .ci/run installs them)");
        if (browser == null) {
            startBrowser(chromium, driver);
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

    private void startBrowser(String chromium, String driver) throws IOException {
        downloads = Files.createTempDirectory("console-downloads-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + Files.createTempDirectory("console-chromium-"));
        Map<String, Object> preferences = new HashMap<>();
        preferences.put("download.default_directory", downloads.toString());
        preferences.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", preferences);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class); // a page drawn anew while a condition reads it
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
        try {
            Path folder = Path.of("target", "console-screenshots");
            Files.createDirectories(folder);
            Files.write(folder.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
