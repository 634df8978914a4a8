package org.opengateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opengateway.account.CompanyRegistration;
import org.opengateway.account.Language;
import org.opengateway.account.User;
import org.opengateway.account.Users;
import org.opengateway.company.Company;
import org.opengateway.company.ContactAddresses;
import org.opengateway.company.ContactRole;
import org.opengateway.testing.GatewayIT;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console's settings pages in a real headless Chromium, against the whole gateway in this JVM, its database and a
 * real SMTP server (GreenMail) that receives the confirmation and invitation mails. The demo user changes the demo
 * sender's profile, a contact, its payment details (confirmed by following the mailed link over HTTP), its logo, makes
 * an API key and calls the API with the secret shown once, imports a customer register and reads its report, and
 * invites a person. Needs Chromium and its driver (see {@link HeadlessChromium}); skipped with the reason otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSettingsBrowserIT extends GatewayIT {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(MAIL_PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Pattern CONFIRM_LINK = Pattern.compile("https?://\\S+/confirm/\\S+");
    private static final String PASSWORD = "settings browser passphrase";

    @Autowired
    ContactAddresses contacts;
    @Autowired
    Users users;
    @Autowired
    CompanyRegistration registration;

    private ChromeDriver browser;
    private WebDriverWait wait;
    private Path downloads;
    private String company;

    @BeforeEach
    void browser() throws IOException {
        HeadlessChromium.assumeInstalled();
        if (browser == null) {
            downloads = Files.createTempDirectory("settings-downloads-");
            browser = HeadlessChromium.start(downloads);
            wait = HeadlessChromium.waitFor(browser);
            company = demo("sender").companyId();
        }
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theProfileIsSavedAndARefusalIsShownNextToItsField() {
        logInAsDemoUser();
        browser.findElement(By.linkText("Settings")).click();
        String city = "Lund " + UUID.randomUUID().toString().substring(0, 8);
        type("profile-city", city);
        type("profile-street", "Storgatan 1");
        browser.findElement(By.id("profile-submit")).click();
        waitForText(By.id("outcome"), "Saved.");
        browser.navigate().refresh();
        wait.until(d -> city.equals(d.findElement(By.id("profile-city")).getAttribute("value")));
        assertThat(browser.findElement(By.id("profile-street")).getAttribute("value")).isEqualTo("Storgatan 1");

        type("profile-postalCode", "§§§");
        browser.findElement(By.id("profile-submit")).click();
        waitForText(By.cssSelector("#profile [data-error-for=postalCode]"), "The field 'postalCode'");
        assertThat(browser.findElement(By.id("outcome")).getText()).isEmpty();
        HeadlessChromium.screenshot(browser, "settings-profile");
    }

    @Test
    void aContactIsSetForItsRole() {
        logInAsDemoUser();
        openSection("contacts");
        String reports = "numbers-" + UUID.randomUUID() + "@example.com";
        type("contacts-reports", reports);
        browser.findElement(By.id("contacts-submit")).click();
        waitForText(By.id("outcome"), "Saved.");
        browser.navigate().refresh();
        wait.until(d -> reports.equals(d.findElement(By.id("contacts-reports")).getAttribute("value")));
        assertThat(browser.findElement(By.id("contacts-reports-effective")).getText()).endsWith(reports);
        assertThat(contacts.addressFor(UUID.fromString(company), ContactRole.REPORTS)).contains(reports);
    }

    @Test
    void newPaymentDetailsWaitForTheMailedLinkAndShowOnceItIsFollowed() throws Exception {
        logInAsDemoUser();
        openSection("payment");
        String general = contacts.addressFor(UUID.fromString(company), ContactRole.GENERAL).orElseThrow();
        type("payment-bankName", "Nordea");
        type("payment-iban", "SE45 5000 0000 0583 9825 7466");
        browser.findElement(By.id("payment-submit")).click();
        waitForText(By.id("outcome"), "A confirmation mail was sent to " + general);
        assertThat(browser.findElement(By.id("pending-changes")).getText()).contains("Payment details")
                .contains("****7466").contains(general);
        assertThat(browser.findElement(By.id("payment-current")).getText()).doesNotContain("SE4550000000058398257466");
        HeadlessChromium.screenshot(browser, "settings-payment-pending");

        String link = confirmationLinkTo(general);
        HttpResponse<String> confirmed = send(HttpRequest.newBuilder(java.net.URI.create(link))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);

        browser.navigate().refresh();
        waitForText(By.id("payment-current"), "SE4550000000058398257466");
        assertThat(browser.findElement(By.id("payment-current")).getText()).contains("Nordea");
        assertThat(browser.findElement(By.id("pending-changes")).getText()).contains("No change is waiting");
    }

    @Test
    void anUploadedLogoIsPreviewedScaledAndShown() throws IOException {
        logInAsDemoUser();
        openSection("logo");
        Path png = Files.createTempFile("logo-", ".png");
        ImageIO.write(new BufferedImage(600, 200, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        browser.findElement(By.id("logo-file")).sendKeys(png.toAbsolutePath().toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("logo-preview")));
        browser.findElement(By.id("logo-upload")).click();
        waitForText(By.id("outcome"), "The logo is saved (270 × 90 pixels).");
        WebElement logo = browser.findElement(By.cssSelector("img#logo-image"));
        wait.until(d -> Long.valueOf(270).equals(browser.executeScript("return arguments[0].naturalWidth", logo)));
        HeadlessChromium.screenshot(browser, "settings-logo");

        browser.findElement(By.id("logo-remove")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        waitForText(By.id("outcome"), "The logo is removed.");
        assertThat(browser.findElement(By.id("logo-image")).getText()).isEqualTo("No logo yet.");
    }

    @Test
    void aNewApiKeyIsShownOnceWorksAndIsRevokedAfterAConfirm() {
        logInAsDemoUser();
        openSection("api-keys");
        String label = "ERP " + UUID.randomUUID().toString().substring(0, 8);
        type("key-label", label);
        browser.findElement(By.id("key-submit")).click();
        WebElement secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-key-secret")));
        String key = secret.getAttribute("value");
        assertThat(key).startsWith("gw_");
        assertThat(browser.findElement(By.id("new-key")).getText()).contains("shown only this once");
        assertThat(browser.findElement(By.id("copy-key")).isDisplayed()).isTrue();
        HeadlessChromium.screenshot(browser, "settings-api-key");
        HttpResponse<String> withKey = get(key, "/api/v1/companies");
        assertThat(withKey.statusCode()).isEqualTo(200);
        assertThat(json(withKey).get("items").get(0).get("id").asString()).isEqualTo(company);

        browser.findElement(By.cssSelector("#api-keys tr[data-label='" + label + "'] button")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        waitForText(By.id("outcome"), "The key \"" + label + "\" is revoked.");
        assertThat(browser.findElement(By.cssSelector("#api-keys tr[data-label='" + label + "']")).getText())
                .contains("Revoked");
        assertThat(get(key, "/api/v1/companies").statusCode()).isEqualTo(401);
    }

    @Test
    void anImportedCustomerRegisterShowsItsReportWithTheRefusedRow() throws IOException {
        logInAsDemoUser();
        openSection("customers");
        Path csv = Files.createTempFile("customers-", ".csv");
        Files.writeString(csv, "name;organisation number;country;e-mail\n"
                + "Acme AB;5567321707;SE;billing@acme.example\n"
                + "Nobody AB;123;SE;\n", StandardCharsets.UTF_8);
        browser.findElement(By.id("import-file")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.id("import-upload")).click();
        waitForText(By.id("import-summary"), "rows imported 1, refused 1.");
        WebElement refused = browser.findElement(By.cssSelector("#import-report tr.refused"));
        assertThat(refused.getText()).contains("3", "Refused", "Nobody AB", "organisation number '123'");
        assertThat(browser.findElement(By.cssSelector("#imports tbody tr")).getText()).contains("Done");
        HeadlessChromium.screenshot(browser, "settings-import");

        browser.findElement(By.id("import-csv")).click();
        Path report = await().atMost(DEADLINE).until(() -> downloaded(".csv"), found -> found != null);
        assertThat(Files.readString(report)).contains("INVALID").contains("Nobody AB");
    }

    @Test
    void aPersonIsInvitedByMail() throws Exception {
        logInAsDemoUser();
        openSection("users");
        String email = "colleague-" + UUID.randomUUID() + "@example.com";
        type("invite-email", email);
        type("invite-name", "A Colleague");
        browser.findElement(By.id("invite-submit")).click();
        waitForText(By.id("outcome"), email + " is invited");
        assertThat(browser.findElement(By.cssSelector("#users tr[data-email='" + email + "']")).getText())
                .contains("A Colleague", "Administrator");
        await().atMost(DEADLINE).until(() -> !mailsTo(email).isEmpty());
    }

    @Test
    void aCompanyRegistersAsRecipientStopsAgainAndSwitchesTheMonthlyReportOn() {
        User user = users.create("recipient-" + UUID.randomUUID() + "@example.com", "Recipient Administrator",
                Language.EN, PASSWORD, false);
        String participant = freshParticipant();
        Company own = registration.register(user, new CompanyRegistration.NewCompany("Recipient Company AB",
                participant.substring(5), "SE", List.of(participant)));
        logIn(user.email(), PASSWORD);
        browser.get(url("/console/#/" + own.id() + "/settings/recipient").toString());
        waitForText(By.id("recipient-state"), "is not registered as a recipient");
        browser.findElement(By.id("recipient-creditNote")).click(); // invoices only
        browser.findElement(By.id("recipient-register")).click();
        waitForText(By.id("outcome"), "Registered: " + participant + " receive 1 document types");
        assertThat(browser.findElement(By.id("recipient-state")).getText()).contains("Invoice (Peppol BIS Billing 3.0)")
                .doesNotContain("Credit note");
        HttpResponse<String> smp = get(null, "/iso6523-actorid-upis%3A%3A" + participant.replace(":", "%3A"));
        assertThat(smp.statusCode()).as("published in our SMP").isEqualTo(200);

        browser.findElement(By.id("recipient-remove")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        waitForText(By.id("outcome"), "removed from the SMP and the SML");
        assertThat(get(null, "/iso6523-actorid-upis%3A%3A" + participant.replace(":", "%3A")).statusCode())
                .isEqualTo(404);

        browser.get(url("/console/#/" + own.id() + "/settings/monthly").toString());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("monthly-enabled"))).click();
        waitForText(By.id("outcome"), "will be mailed on the first day of each month");
        assertThat(browser.findElement(By.id("monthly-enabled")).isSelected()).isTrue();
    }

    @Test
    void theLastAdministratorIsNotRemovedAndTheLanguageIsChosenInMyAccount() {
        User user = users.create("sole-" + UUID.randomUUID() + "@example.com", "Sole Administrator", Language.EN,
                PASSWORD, false);
        String participant = freshParticipant();
        Company own = registration.register(user, new CompanyRegistration.NewCompany("Sole Company AB",
                participant.substring(5), "SE", List.of(participant)));
        logIn(user.email(), PASSWORD);
        browser.get(url("/console/#/" + own.id() + "/settings/users").toString());
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#users tr[data-email='" + user.email()
                + "'] button"))).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        waitForText(By.id("outcome"), "is the company's last administrator and cannot be removed");

        browser.findElement(By.id("my-account")).click();
        new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("account-language"))))
                .selectByValue("sv");
        browser.findElement(By.id("account-submit")).click();
        waitForText(By.cssSelector("header nav"), "Inställningar");
        await().atMost(DEADLINE).until(() -> users.findById(user.id()).orElseThrow().language() == Language.SV);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Mitt konto");
    }

    @Test
    void supportStaffSeeTheSettingsReadOnly() {
        Properties demo = demoProperties();
        logIn(demo.getProperty("support.user.email"), demo.getProperty("support.user.password"));
        browser.get(url("/console/#/" + company + "/settings/profile").toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("read-only")));
        assertThat(browser.findElement(By.id("profile-name")).isEnabled()).isFalse();
        assertThat(browser.findElements(By.id("profile-submit"))).isEmpty();
        openSection("api-keys");
        assertThat(browser.findElements(By.id("key-submit"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#api-keys button"))).isEmpty();
    }

    private void logInAsDemoUser() {
        Properties demo = demoProperties();
        logIn(demo.getProperty("sender.user.email"), demo.getProperty("sender.user.password"));
    }

    /** Logs in afresh, in English: the cookie and the tab's storage of an earlier test are cleared first. */
    private void logIn(String email, String password) {
        browser.get(url("/console/").toString());
        browser.manage().deleteAllCookies();
        browser.executeScript("sessionStorage.clear(); localStorage.setItem('language', 'en');");
        browser.get(url("/console/#/login").toString());
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("email"))).sendKeys(email);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("header nav")));
    }

    private void openSection(String section) {
        browser.get(url("/console/#/" + company + "/settings/" + section).toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("settings-" + section)));
    }

    private void type(String id, String text) {
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        field.clear();
        field.sendKeys(text);
    }

    private void waitForText(By where, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(where, text));
    }

    private String confirmationLinkTo(String address) throws Exception {
        MimeMessage mail = await().atMost(DEADLINE).until(() -> mailsTo(address).stream()
                .filter(message -> CONFIRM_LINK.matcher(content(message)).find()).reduce((first, last) -> last)
                .orElse(null), found -> found != null);
        Matcher link = CONFIRM_LINK.matcher(content(mail));
        assertThat(link.find()).isTrue();
        return link.group();
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(message -> {
            try {
                Address[] to = message.getAllRecipients();
                return to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String content(MimeMessage message) {
        try {
            return String.valueOf(message.getContent());
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path downloaded(String ending) throws IOException {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(f -> f.getFileName().toString().endsWith(ending)).findFirst().orElse(null);
        }
    }
}
