package org.opengateway.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opengateway.account.Language;
import org.opengateway.account.User;
import org.opengateway.account.Users;
import org.opengateway.testing.GatewayIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A company's settings over real HTTP against the whole gateway, its real database, and a real SMTP server in this
 * JVM (GreenMail) that receives the confirmation mails.
 */
class CompanySettingsIT extends GatewayIT {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(MAIL_PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    private static final String PASSWORD = "settings test passphrase";
    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    @Autowired
    Users users;
    @Autowired
    ContactAddresses contacts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void contactAddressesPerRoleFallBackToTheGeneralOneThenToTheAdministrator() {
        Person admin = newPersonWithCompany(Language.EN);
        String path = "/api/v1/companies/" + admin.company() + "/contacts";
        JsonNode before = json(call(admin.token(), "GET", path, null));
        assertThat(before.get("contacts").isEmpty()).isTrue();
        assertThat(before.get("effective").get("reports").asString()).isEqualTo(admin.email());

        HttpResponse<String> set = call(admin.token(), "PUT", path,
                Map.of("general", "office@example.com", "reports", "numbers@example.com"));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        JsonNode effective = json(set).get("current").get("effective");
        assertThat(effective.get("reports").asString()).isEqualTo("numbers@example.com");
        assertThat(effective.get("invoicing").asString()).isEqualTo("office@example.com");
        assertThat(json(set).get("current").get("contacts").has("invoicing")).isFalse();
        assertThat(contacts.addressFor(admin.company(), ContactRole.REPORTS)).contains("numbers@example.com");
        assertThat(contacts.addressFor(admin.company(), ContactRole.TECHNICAL)).contains("office@example.com");
        assertThat(audit(admin.company())).anyMatch(action -> action.startsWith("changed the contact addresses")
                && action.contains("numbers@example.com"));

        assertProblem(call(admin.token(), "PUT", path, Map.of("invoicing", "not an address")), 400, "'invoicing'");
        assertProblem(call(admin.token(), "PUT", path, Map.of("billing", "ap@example.com")), 400, "'billing'");
        assertThat(contacts.addressFor(admin.company(), ContactRole.REPORTS)).contains("numbers@example.com");
    }

    @Test
    void contactsAreScopedToTheCallersCompaniesAndSupportOnlyReads() {
        Person admin = newPersonWithCompany(Language.EN);
        Person stranger = newPersonWithCompany(Language.EN);
        String path = "/api/v1/companies/" + admin.company() + "/contacts";
        assertThat(call(stranger.token(), "GET", path, null).statusCode()).isEqualTo(404);
        assertThat(call(stranger.token(), "PUT", path, Map.of("general", "x@example.com")).statusCode()).isEqualTo(404);

        String support = supportToken();
        assertThat(call(support, "GET", path, null).statusCode()).isEqualTo(200);
        assertProblem(call(support, "PUT", path, Map.of("general", "x@example.com")), 403, "Support staff");
        assertThat(contacts.configured(admin.company())).isEmpty();
    }

    @Test
    void aPaymentDetailsChangeTakesEffectOnlyThroughTheMailedLinkAndOnlyOnce() throws Exception {
        Person admin = newPersonWithCompany(Language.EN);
        String finance = "finance-" + UUID.randomUUID() + "@example.com";
        setGeneralContact(admin, finance);
        String path = "/api/v1/companies/" + admin.company() + "/payment-details";
        assertThat(call(admin.token(), "GET", path, null).statusCode()).isEqualTo(404);

        HttpResponse<String> asked = call(admin.token(), "PUT", path,
                Map.of("bankName", "Nordea", "iban", "SE45 5000 0000 0583 9825 7466"));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        assertThat(json(asked).get("message").asString()).contains("confirmation link was sent to " + finance);
        assertThat(call(admin.token(), "GET", path, null).statusCode()).isEqualTo(404);
        JsonNode pending = json(call(admin.token(), "GET", "/api/v1/companies/" + admin.company() + "/pending-changes",
                null)).get("items");
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).get("kind").asString()).isEqualTo("PAYMENT_DETAILS");

        MimeMessage mail = mailTo(finance);
        assertThat(mail.getSubject()).isEqualTo("Bekräfta en ändring för Settings Test AB"); // a Swedish company
        String body = (String) mail.getContent();
        assertThat(body).contains("betalningsuppgifterna").contains("****7466").contains(admin.email())
                .doesNotContain("0583 9825").doesNotContain("SE4550000000058398257466");
        String link = link(body);
        assertThat(link).startsWith(url("/confirm/").toString());

        HttpResponse<String> page = call(null, "GET", link, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\"").contains("Bekräfta ändringen");
        assertThat(call(admin.token(), "GET", path, null).statusCode()).as("opening the link changes nothing")
                .isEqualTo(404);

        HttpResponse<String> confirmed = call(null, "POST", link, null);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.body()).contains("gäller nu");
        JsonNode details = json(call(admin.token(), "GET", path, null));
        assertThat(details.get("iban").asString()).isEqualTo("SE4550000000058398257466");
        assertThat(details.get("bankName").asString()).isEqualTo("Nordea");

        HttpResponse<String> again = call(null, "POST", link, null);
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(again.body()).as("in the company's language").contains("redan använts");
        assertThat(call(null, "GET", link, null).body()).contains("redan använts").doesNotContain("<form");
        HttpResponse<String> unknown = call(null, "POST", url("/confirm/not-a-token").toString(), null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).as("whose company nobody knows: in Swedish and English")
                .contains("is not known").contains("är okänd");
        assertThat(audit(admin.company()))
                .anyMatch(a -> a.startsWith("asked to change payment details") && a.contains("sent to " + finance))
                .anyMatch(a -> a.startsWith("changed payment details") && a.contains("****7466"))
                .anyMatch(a -> a.contains("was refused") && a.contains("already used"))
                .noneMatch(a -> a.contains("58398257466"));
    }

    @Test
    void anExpiredOrReplacedLinkChangesNothingAndIsAudited() throws Exception {
        Person admin = newPersonWithCompany(Language.EN);
        String finance = "finance-" + UUID.randomUUID() + "@example.com";
        setGeneralContact(admin, finance);
        String path = "/api/v1/companies/" + admin.company() + "/payment-details";
        assertThat(call(admin.token(), "PUT", path, Map.of("bic", "NDEASESS", "accountNumber", "3300-123456"))
                .statusCode()).isEqualTo(202);
        String first = link((String) mailTo(finance).getContent());
        assertThat(call(admin.token(), "PUT", path, Map.of("bic", "ESSESESS", "accountNumber", "5000-654321"))
                .statusCode()).isEqualTo(202);
        String second = link((String) mailsTo(finance, 2).get(1).getContent());
        HttpResponse<String> replaced = call(null, "POST", first, null);
        assertThat(replaced.statusCode()).isEqualTo(410);
        assertThat(replaced.body()).as("in the company's language (Swedish, as the company is)")
                .contains("ersatts av en nyare");

        // let the link's time pass: the gateway compares the stored expiry with its clock
        jdbc.sql("UPDATE company_change SET expires_at = ? WHERE company_id = ? AND status = 'PENDING'")
                .params(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusSeconds(1), admin.company()).update();
        HttpResponse<String> expired = call(null, "POST", second, null);
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("gick ut").contains("Begär ändringen igen");
        assertThat(call(admin.token(), "GET", path, null).statusCode()).isEqualTo(404);
        assertThat(json(call(admin.token(), "GET", "/api/v1/companies/" + admin.company() + "/pending-changes", null))
                .get("items")).isEmpty();
        assertThat(audit(admin.company()))
                .anyMatch(a -> a.contains("was replaced by a newer one"))
                .anyMatch(a -> a.contains("was refused") && a.contains("expired"));
    }

    @Test
    void badPaymentDetailsAreRefusedNamingTheField() {
        Person admin = newPersonWithCompany(Language.EN);
        String path = "/api/v1/companies/" + admin.company() + "/payment-details";
        assertProblem(call(admin.token(), "PUT", path, Map.of("bankName", "Nordea", "iban", "SE45 5000 0000 0583 9825 7467")),
                400, "'iban'");
        assertProblem(call(admin.token(), "PUT", path, Map.of("bankName", "Nordea", "iban", "SE45 5000 0000 0583 9825")),
                400, "an IBAN of SE has 24");
        assertProblem(call(admin.token(), "PUT", path, Map.of("bic", "NDEA-SE", "iban", "SE4550000000058398257466")),
                400, "'bic'");
        assertProblem(call(admin.token(), "PUT", path, Map.of("iban", "SE4550000000058398257466")), 400, "'bankName'");
        assertProblem(call(admin.token(), "PUT", path, Map.of("bankName", "Nordea")), 400, "'accountNumber'");
        assertThat(json(call(admin.token(), "GET", "/api/v1/companies/" + admin.company() + "/pending-changes", null))
                .get("items")).isEmpty();
    }

    @Test
    void theProfileChangesAtOnceButANewOrganisationNumberWaitsForTheLink() throws Exception {
        Person admin = newPersonWithCompany(Language.EN);
        String path = "/api/v1/companies/" + admin.company() + "/profile";
        JsonNode profile = json(call(admin.token(), "GET", path, null));
        assertThat(profile.get("language").asString()).isEqualTo("sv");
        String oldNumber = profile.get("orgNumber").asString();

        String added = freshParticipant();
        HttpResponse<String> changed = call(admin.token(), "PUT", path, Map.of("name", "Omdöpt AB", "street", "Storgatan 1",
                "postalCode", "111 22", "city", "Stockholm", "language", "en",
                "participants", List.of(profile.get("participants").get(0).asString(), added)));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode current = json(changed).get("current");
        assertThat(current.get("city").asString()).isEqualTo("Stockholm");
        assertThat(current.get("language").asString()).isEqualTo("en");
        assertThat(current.get("participants")).hasSize(2);
        assertThat(json(call(admin.token(), "GET", "/api/v1/companies", null)).toString()).contains("Omdöpt AB");

        assertProblem(call(admin.token(), "PUT", path, Map.of("orgNumber", "5567321708")), 400, "'orgNumber'");
        assertProblem(call(admin.token(), "PUT", path, Map.of("country", "XX")), 400, "'country'");
        assertProblem(call(admin.token(), "PUT", path, Map.of("postalCode", "<script>")), 400, "'postalCode'");
        assertProblem(call(admin.token(), "PUT", path, Map.of("language", "de")), 400, "'language'");
        assertProblem(call(admin.token(), "PUT", path, Map.of("participants", List.of(added, "0007:123"))), 400,
                "'participants[1]'");
        assertProblem(call(admin.token(), "PUT", path, Map.of("participants",
                List.of(added, demoProperties().getProperty("sender.participant")))), 409, "another company");

        String newNumber = freshParticipant().substring(5);
        HttpResponse<String> asked = call(admin.token(), "PUT", path, Map.of("orgNumber", newNumber));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        assertThat(json(asked).get("current").get("orgNumber").asString()).isEqualTo(oldNumber);
        MimeMessage mail = mailTo(admin.email()); // no general contact yet: the administrator
        assertThat(mail.getSubject()).isEqualTo("Confirm a change for Omdöpt AB"); // the company's language is now en
        assertThat(call(null, "POST", link((String) mail.getContent()), null).statusCode()).isEqualTo(200);
        assertThat(json(call(admin.token(), "GET", path, null)).get("orgNumber").asString()).isEqualTo(newNumber);
        assertThat(audit(admin.company())).anyMatch(a -> a.startsWith("changed organisation number")
                && a.contains(oldNumber + " → SE " + newNumber));
    }

    @Test
    void aNewGeneralContactIsConfirmedAtTheOldAddress() throws Exception {
        Person admin = newPersonWithCompany(Language.EN);
        String old = "old-" + UUID.randomUUID() + "@example.com";
        String taker = "taker-" + UUID.randomUUID() + "@example.com";
        setGeneralContact(admin, old);
        String path = "/api/v1/companies/" + admin.company() + "/contacts";
        HttpResponse<String> asked = call(admin.token(), "PUT", path, Map.of("general", taker, "technical", taker));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        assertThat(contacts.addressFor(admin.company(), ContactRole.GENERAL)).contains(old);
        assertThat(contacts.addressFor(admin.company(), ContactRole.TECHNICAL)).contains(taker);
        String link = link((String) mailTo(old).getContent());
        assertThat(call(null, "POST", link, null).statusCode()).isEqualTo(200);
        assertThat(contacts.addressFor(admin.company(), ContactRole.GENERAL)).contains(taker);
    }

    @Test
    void supportReadsTheSettingsButChangesNone() {
        Person admin = newPersonWithCompany(Language.EN);
        String support = supportToken();
        String company = "/api/v1/companies/" + admin.company();
        assertThat(call(support, "GET", company + "/profile", null).statusCode()).isEqualTo(200);
        assertThat(call(support, "GET", company + "/pending-changes", null).statusCode()).isEqualTo(200);
        assertProblem(call(support, "PUT", company + "/profile", Map.of("name", "Taken Over AB")), 403, "Support staff");
        assertProblem(call(support, "PUT", company + "/payment-details",
                Map.of("bankName", "Nordea", "iban", "SE4550000000058398257466")), 403, "Support staff");
        Person stranger = newPersonWithCompany(Language.EN);
        assertThat(call(stranger.token(), "GET", company + "/profile", null).statusCode()).isEqualTo(404);
        // an API key reads its own company's settings; changes are made by people
        String demoSender = "/api/v1/companies/" + demoProperties().getProperty("sender.company-id");
        String apiKey = demoProperties().getProperty("sender.api-key");
        assertThat(get(apiKey, demoSender + "/profile").statusCode()).isEqualTo(200);
        assertThat(get(apiKey, company + "/profile").statusCode()).isEqualTo(404);
        assertProblem(call(apiKey, "PUT", demoSender + "/profile", Map.of("name", "By Key AB")), 403, "log in");
        assertThat(call(stranger.token(), "PUT", company + "/payment-details", Map.of("bankName", "x")).statusCode())
                .isEqualTo(404);
        assertThat(json(call(admin.token(), "GET", company + "/profile", null)).get("name").asString())
                .isEqualTo("Settings Test AB");
    }

    @Test
    void aLogoIsCheckedScaledStoredAndServed() throws Exception {
        Person admin = newPersonWithCompany(Language.EN);
        String path = "/api/v1/companies/" + admin.company() + "/logo";
        assertThat(call(admin.token(), "GET", path, null).statusCode()).isEqualTo(404);

        HttpResponse<String> uploaded = upload(admin.token(), path, "image/png", LogoImagesTest.halves(900, 300, "png"));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        assertThat(json(uploaded).get("width").asInt()).isEqualTo(270);
        assertThat(json(uploaded).get("height").asInt()).isEqualTo(90);
        HttpResponse<byte[]> logo = send(HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + admin.token())
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(logo.headers().firstValue("Content-Type")).contains("image/png");
        java.awt.image.BufferedImage stored = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(logo.body()));
        assertThat(new int[] {stored.getWidth(), stored.getHeight()}).containsExactly(270, 90);

        // as a form upload, a JPG replaces it
        String boundary = "logo-" + UUID.randomUUID();
        byte[] jpeg = LogoImagesTest.halves(200, 400, "jpeg");
        java.io.ByteArrayOutputStream form = new java.io.ByteArrayOutputStream();
        form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"logo.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        form.writeBytes(jpeg);
        form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        HttpResponse<String> formUpload = upload(admin.token(), path, "multipart/form-data; boundary=" + boundary,
                form.toByteArray());
        assertThat(formUpload.statusCode()).as(formUpload.body()).isEqualTo(200);
        assertThat(json(formUpload).get("mediaType").asString()).isEqualTo("image/jpeg");
        assertThat(json(formUpload).get("height").asInt()).isEqualTo(90);

        assertProblem(upload(admin.token(), path, "image/jpeg", LogoImagesTest.halves(100, 50, "png")), 400,
                "its bytes are a PNG image");
        assertProblem(upload(admin.token(), path, "text/plain", "not a logo".getBytes()), 415, "JPG, GIF or PNG");
        assertProblem(upload(admin.token(), path, "image/png", LogoImagesTest.pngHeaderOnly(60_000, 60_000)), 400,
                "60000 x 60000 pixels");
        assertProblem(upload(supportToken(), path, "image/png", LogoImagesTest.halves(100, 50, "png")), 403,
                "Support staff");
        assertThat(audit(admin.company())).anyMatch(a -> a.startsWith("uploaded a logo (image/jpeg"));

        assertThat(call(admin.token(), "DELETE", path, null).statusCode()).isEqualTo(204);
        assertThat(call(admin.token(), "GET", path, null).statusCode()).isEqualTo(404);
    }

    @Test
    void administratorsAddPeopleInviteNewOnesAndKeepTheLastAdministrator() throws Exception {
        Person admin = newPersonWithCompany(Language.EN);
        Person colleague = newPersonWithCompany(Language.EN);
        String path = "/api/v1/companies/" + admin.company() + "/users";

        HttpResponse<String> added = call(admin.token(), "POST", path, Map.of("email", colleague.email()));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(json(added).get("invited").asBoolean()).isFalse();
        assertThat(mailTo(colleague.email()).getSubject()).contains("Settings Test AB");
        assertThat(call(colleague.token(), "GET", "/api/v1/companies/" + admin.company() + "/profile", null)
                .statusCode()).isEqualTo(200);
        assertProblem(call(admin.token(), "POST", path, Map.of("email", colleague.email())), 409, "already");

        String newcomer = "new-" + UUID.randomUUID() + "@example.com";
        assertProblem(call(admin.token(), "POST", path, Map.of("email", newcomer)), 400, "'name'");
        assertProblem(call(admin.token(), "POST", path, Map.of("email", "nobody")), 400, "'email'");
        HttpResponse<String> invited = call(admin.token(), "POST", path,
                Map.of("email", newcomer, "name", "Nya Kollegan", "language", "sv"));
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        assertThat(json(invited).get("invited").asBoolean()).isTrue();
        MimeMessage invitation = mailTo(newcomer);
        assertThat(invitation.getSubject()).isEqualTo("Du kan nu företräda Settings Test AB i e-fakturagatewayen");
        String link = link((String) invitation.getContent());
        assertThat(call(null, "POST", link, Map.of("password", "the newcomer's passphrase")).statusCode()).isEqualTo(204);
        String newcomerToken = loginToken(newcomer, "the newcomer's passphrase");
        assertThat(json(call(newcomerToken, "GET", "/api/v1/companies", null)).toString())
                .contains(admin.company().toString());
        assertThat(json(call(admin.token(), "GET", path, null)).get("items")).hasSize(3);

        assertThat(call(admin.token(), "DELETE", path + "/" + colleague.user().id(), null).statusCode()).isEqualTo(204);
        assertThat(call(colleague.token(), "GET", "/api/v1/companies/" + admin.company() + "/profile", null)
                .statusCode()).isEqualTo(404);
        UUID newcomerId = users.findByEmail(newcomer).orElseThrow().id();
        assertThat(call(admin.token(), "DELETE", path + "/" + newcomerId, null).statusCode()).isEqualTo(204);
        assertProblem(call(admin.token(), "DELETE", path + "/" + admin.user().id(), null), 409,
                "last administrator");
        assertProblem(call(admin.token(), "DELETE", path + "/" + UUID.randomUUID(), null), 404, "No user");
        assertProblem(call(supportToken(), "POST", path, Map.of("email", newcomer)), 403, "Support staff");
        assertThat(audit(admin.company())).anyMatch(a -> a.equals("invited " + newcomer + " as administrator"))
                .anyMatch(a -> a.equals("took access away from " + colleague.email()));
    }

    @Test
    void theOpenApiDescriptionListsTheSettings() {
        String description = get(null, "/v3/api-docs").body();
        assertThat(description).contains("/api/v1/companies/{companyId}/profile",
                "/api/v1/companies/{companyId}/contacts", "/api/v1/companies/{companyId}/payment-details",
                "/api/v1/companies/{companyId}/pending-changes", "/api/v1/companies/{companyId}/logo",
                "/api/v1/companies/{companyId}/users", "/confirm/{token}");
    }

    // --- helpers

    private HttpResponse<String> upload(String token, String path, String contentType, byte[] bytes) {
        return send(HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    private void setGeneralContact(Person admin, String email) {
        HttpResponse<String> set = call(admin.token(), "PUT", "/api/v1/companies/" + admin.company() + "/contacts",
                Map.of("general", email));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    }

    private static MimeMessage mailTo(String email) {
        return mailsTo(email, 1).get(0);
    }

    private static List<MimeMessage> mailsTo(String email, int count) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> recipients(m).contains(email)).toList(), mails -> mails.size() >= count);
    }

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getRecipients(Message.RecipientType.TO));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String link(String body) {
        Matcher link = LINK.matcher(body);
        assertThat(link.find()).as(body).isTrue();
        return link.group();
    }

    /** A user who administers a company of their own, logged in. */
    record Person(User user, String token, UUID company) {
        String email() {
            return user.email();
        }
    }

    private Person newPersonWithCompany(Language language) {
        User user = users.create("admin-" + UUID.randomUUID() + "@example.com", "Settings Tester", language, PASSWORD,
                false);
        String token = loginToken(user.email(), PASSWORD);
        String participant = freshParticipant();
        HttpResponse<String> created = call(token, "POST", "/api/v1/companies", Map.of("name", "Settings Test AB",
                "orgNumber", participant.substring(5), "country", "SE", "participants", List.of(participant)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new Person(user, token, UUID.fromString(json(created).get("id").asString()));
    }

    private String supportToken() {
        Properties demo = demoProperties();
        return loginToken(demo.getProperty("support.user.email"), demo.getProperty("support.user.password"));
    }

    private String loginToken(String email, String password) {
        HttpResponse<String> login = call(null, "POST", "/api/v1/login", Map.of("email", email, "password", password));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return json(login).get("token").asString();
    }

    private List<String> audit(UUID company) {
        return jdbc.sql("SELECT action FROM audit WHERE company_id = ? ORDER BY seq").param(company)
                .query(String.class).list();
    }

    private HttpResponse<String> call(String token, String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(path.startsWith("http") ? java.net.URI.create(path) : url(path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detailPart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).get("detail").asString()).contains(detailPart);
    }
}
