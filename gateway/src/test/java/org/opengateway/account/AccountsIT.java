package org.opengateway.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opengateway.testing.GatewayIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Accounts over real HTTP against the whole gateway, its real database, and a real SMTP server in this JVM
 * (GreenMail) that receives the mails. Where a test must let time pass (idle sessions, expired links, the login
 * brake), it moves the stored time of that one row back instead of waiting: the gateway's own checks against the
 * clock are what is tested.
 */
class AccountsIT extends GatewayIT {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(MAIL_PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    private static final String PASSWORD = "correct horse battery";
    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    @Autowired
    Users users;
    @Autowired
    CompanyGrants grants;
    @Autowired
    LoginThrottle throttle;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theDemoUserLogsInAndSeesTheDemoSenderOnly() {
        Properties demo = demoProperties();
        HttpResponse<String> login = login(demo.getProperty("sender.user.email"), demo.getProperty("sender.user.password"));
        assertThat(login.statusCode()).isEqualTo(200);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("gateway_session=").contains("HttpOnly").contains("SameSite=Lax")
                .doesNotContain("Secure");
        JsonNode answer = json(login);
        String token = answer.get("token").asString();
        assertThat(answer.get("csrfToken").asString()).isNotBlank();
        assertThat(answer.get("idleTimeoutMinutes").asLong()).isEqualTo(60);

        HttpResponse<String> companies = call(token, "GET", "/api/v1/companies", null);
        assertThat(companies.statusCode()).isEqualTo(200);
        assertThat(ids(json(companies))).containsExactly(demo.getProperty("sender.company-id"));
        assertThat(json(companies).get("items").get(0).get("country").asString()).isEqualTo("SE");
        assertThat(json(call(token, "GET", "/api/v1/account", null)).get("email").asString())
                .isEqualTo(demo.getProperty("sender.user.email"));
        HttpResponse<String> invoices = call(token, "GET", "/api/v1/invoices", null);
        assertThat(invoices.statusCode()).isEqualTo(403);
        assertThat(detail(invoices)).contains("acts for the company of an API key");
    }

    @Test
    void aWrongPasswordOrUnknownAddressIsRefusedInTheSameWords() {
        String email = newUser(Language.EN).email();
        HttpResponse<String> wrong = login(email, "not the password at all");
        HttpResponse<String> unknown = login("nobody-" + UUID.randomUUID() + "@example.com", PASSWORD);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(detail(wrong)).isEqualTo(detail(unknown)).contains("e-mail address or the password is wrong");
        HttpResponse<String> noPassword = post(null, "/api/v1/login", Map.of("email", email));
        assertThat(noPassword.statusCode()).isEqualTo(400);
        assertThat(detail(noPassword)).contains("'password'");
    }

    @Test
    void logoutEndsTheSession() {
        String token = token(newUser(Language.EN).email());
        assertThat(call(token, "POST", "/api/v1/logout", null).statusCode()).isEqualTo(204);
        HttpResponse<String> after = call(token, "GET", "/api/v1/companies", null);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(detail(after)).contains("Log in again");
    }

    @Test
    void aSecondLoginEndsTheFirstSession() {
        String email = newUser(Language.EN).email();
        String first = token(email);
        String second = token(email);
        assertThat(call(first, "GET", "/api/v1/account", null).statusCode()).isEqualTo(401);
        assertThat(call(second, "GET", "/api/v1/account", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aSessionEndsAfterTheIdleTimeoutNotWhileInUse() {
        String token = token(newUser(Language.EN).email());
        // 59 minutes idle: still alive, and the request starts the idle time afresh
        idleFor(token, Duration.ofMinutes(59));
        assertThat(call(token, "GET", "/api/v1/account", null).statusCode()).isEqualTo(200);
        idleFor(token, Duration.ofMinutes(59));
        assertThat(call(token, "GET", "/api/v1/account", null).statusCode()).isEqualTo(200);
        idleFor(token, Duration.ofMinutes(60).plusSeconds(1));
        HttpResponse<String> expired = call(token, "GET", "/api/v1/account", null);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(detail(expired)).contains("idle for longer than 60 minutes");
    }

    @Test
    void cookieRequestsThatChangeSomethingNeedTheCsrfToken() {
        User user = newUser(Language.EN);
        UUID company = registerCompany(token(user.email())); // that login ends when the next starts
        HttpResponse<String> login = login(user.email(), PASSWORD);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = json(login).get("csrfToken").asString();
        String keys = "/api/v1/companies/" + company + "/api-keys";

        HttpResponse<String> read = send(HttpRequest.newBuilder(url(keys)).header("Cookie", cookie).GET().build());
        assertThat(read.statusCode()).isEqualTo(200);

        HttpResponse<String> withoutCsrf = send(jsonPost(keys, Map.of("label", "no csrf")).header("Cookie", cookie).build());
        assertThat(withoutCsrf.statusCode()).isEqualTo(403);
        assertThat(detail(withoutCsrf)).contains("X-CSRF-Token");
        HttpResponse<String> wrongCsrf = send(jsonPost(keys, Map.of("label", "wrong csrf")).header("Cookie", cookie)
                .header("X-CSRF-Token", "guessed").build());
        assertThat(wrongCsrf.statusCode()).isEqualTo(403);
        HttpResponse<String> withCsrf = send(jsonPost(keys, Map.of("label", "with csrf")).header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).build());
        assertThat(withCsrf.statusCode()).isEqualTo(201);
        // a bearer token needs none
        assertThat(call(json(login).get("token").asString(), "POST", keys, Map.of("label", "bearer")).statusCode())
                .isEqualTo(201);
    }

    @Test
    void failedLoginsAreSlowedDownThenLockedTheSameWhateverThePassword() {
        String email = newUser(Language.EN).email();
        for (int i = 0; i < 3; i++) {
            assertThat(login(email, "wrong password " + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> slowed = login(email, PASSWORD);
        assertThat(slowed.statusCode()).isEqualTo(429);
        assertThat(detail(slowed)).contains("Wait").contains("this account");
        assertThat(slowed.headers().firstValue("Retry-After")).isPresent();
        for (int i = 3; i < 10; i++) {
            waitOutTheBrake(email);
            assertThat(login(email, "wrong password " + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> rightPassword = login(email, PASSWORD);
        HttpResponse<String> wrongPassword = login(email, "wrong password again");
        assertThat(rightPassword.statusCode()).isEqualTo(429);
        assertThat(wrongPassword.statusCode()).isEqualTo(429);
        assertThat(detail(rightPassword)).isEqualTo(detail(wrongPassword)).contains("locked until")
                .contains("After 10 failed logins");
        assertThat(Long.parseLong(rightPassword.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(14 * 60L, 15 * 60L);

        waitOutTheBrake(email);
        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(login(email, "one wrong after a good login").statusCode()).isEqualTo(401);
        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200); // the count started afresh
    }

    @Test
    void failedLoginsFromOneAddressAreBrakedForEveryAccount() {
        String address = "203.0.113." + (1 + (int) (Math.random() * 250)) + "-" + UUID.randomUUID();
        for (int i = 0; i < 20; i++) {
            throttle.failed("guess-" + i + "@example.com", address);
        }
        assertThat(throttle.refusal("someone-else@example.com", address)).get()
                .extracting(LoginThrottle.Refusal::message).asString().contains("your address");
        assertThat(throttle.refusal("someone-else@example.com", "198.51.100.7")).isEmpty();
    }

    @Test
    void aResetLinkArrivesByMailWorksOnceAndEndsEverySession() throws Exception {
        User user = newUser(Language.SV);
        String oldToken = token(user.email());
        assertThat(post(null, "/api/v1/password-reset", Map.of("email", user.email())).statusCode()).isEqualTo(202);
        assertThat(post(null, "/api/v1/password-reset", Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com"))
                .statusCode()).isEqualTo(202);

        MimeMessage mail = mailTo(user.email());
        assertThat(mail.getSubject()).isEqualTo("Välj ett nytt lösenord för e-fakturagatewayen");
        String body = (String) mail.getContent();
        assertThat(body).contains("inom 30 minuter").contains(user.email());
        String link = link(body);
        assertThat(link).startsWith(url("/api/v1/password-reset/").toString());
        HttpResponse<String> page = send(HttpRequest.newBuilder(java.net.URI.create(link)).GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<form").contains("type=\"password\"");

        HttpResponse<String> tooShort = post(null, link, Map.of("password", "short"));
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(detail(tooShort)).contains("'password'").contains("at least 12 characters");

        String newPassword = "a brand new passphrase";
        assertThat(post(null, link, Map.of("password", newPassword)).statusCode()).isEqualTo(204);
        assertThat(call(oldToken, "GET", "/api/v1/account", null).statusCode()).isEqualTo(401);
        assertThat(login(user.email(), PASSWORD).statusCode()).isEqualTo(401);
        assertThat(login(user.email(), newPassword).statusCode()).isEqualTo(200);

        HttpResponse<String> again = post(null, link, Map.of("password", "yet another passphrase"));
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(detail(again)).contains("already used");
        HttpResponse<String> usedPage = send(HttpRequest.newBuilder(java.net.URI.create(link)).GET().build());
        assertThat(usedPage.statusCode()).isEqualTo(410);
        assertThat(usedPage.body()).contains("already used").doesNotContain("<form");
        // no mail went to the unknown address
        assertThat(Arrays.stream(SMTP.getReceivedMessages()).filter(m -> recipient(m).startsWith("nobody-"))).isEmpty();
    }

    @Test
    void anExpiredResetLinkIsRefusedInPlainWords() throws Exception {
        User user = newUser(Language.FI); // Finnish has no texts yet: the mail comes in English
        assertThat(post(null, "/api/v1/password-reset", Map.of("email", user.email())).statusCode()).isEqualTo(202);
        MimeMessage mail = mailTo(user.email());
        assertThat(mail.getSubject()).isEqualTo("Choose a new password for the e-invoicing gateway");
        String link = link((String) mail.getContent());
        jdbc.sql("UPDATE password_reset SET expires_at = ? WHERE user_id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), user.id()).update();
        HttpResponse<String> expired = post(null, link, Map.of("password", "a brand new passphrase"));
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(detail(expired)).contains("expired").contains("Ask for a new one");
        assertThat(login(user.email(), PASSWORD).statusCode()).isEqualTo(200);
        assertThat(post(null, "/api/v1/password-reset/not-a-token", Map.of("password", "a brand new passphrase"))
                .statusCode()).isEqualTo(404);
    }

    @Test
    void supportSeesEveryCompanyChangesNoneAndIsAudited() {
        Properties demo = demoProperties();
        UUID sender = UUID.fromString(demo.getProperty("sender.company-id"));
        String token = json(login(demo.getProperty("support.user.email"), demo.getProperty("support.user.password")))
                .get("token").asString();
        assertThat(ids(json(call(token, "GET", "/api/v1/companies", null))))
                .contains(sender.toString(), demo.getProperty("receiver.company-id"));
        String keys = "/api/v1/companies/" + sender + "/api-keys";
        assertThat(call(token, "GET", keys, null).statusCode()).isEqualTo(200);
        HttpResponse<String> change = call(token, "POST", keys, Map.of("label", "support wants one"));
        assertThat(change.statusCode()).isEqualTo(403);
        assertThat(detail(change)).contains("Support staff may look at every company but not change anything");

        List<String> audited = jdbc.sql("SELECT action FROM audit WHERE actor = ? AND company_id = ? ORDER BY seq")
                .params(demo.getProperty("support.user.email"), sender).query(String.class).list();
        assertThat(audited).contains("GET " + keys + " answered 200", "POST " + keys + " answered 403");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit WHERE actor = ? AND action = 'logged in from 127.0.0.1'")
                .param(demo.getProperty("support.user.email")).query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit WHERE actor = ? AND action = ?")
                .params(demo.getProperty("support.user.email"), "GET /api/v1/companies answered 200")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void aUserCannotActForACompanyNotGrantedToThem() {
        String token = token(newUser(Language.EN).email());
        String receiver = demoProperties().getProperty("receiver.company-id");
        HttpResponse<String> list = call(token, "GET", "/api/v1/companies/" + receiver + "/api-keys", null);
        assertThat(list.statusCode()).isEqualTo(404);
        assertThat(detail(list)).contains("You have no company with the id " + receiver);
        assertThat(call(token, "POST", "/api/v1/companies/" + receiver + "/api-keys", Map.of("label", "x")).statusCode())
                .isEqualTo(404);
        assertThat(ids(json(call(token, "GET", "/api/v1/companies", null)))).isEmpty();
    }

    @Test
    void apiKeysAreMadeShownOnceListedWithoutSecretAndRevoked() {
        String token = token(newUser(Language.EN).email());
        UUID company = registerCompany(token);
        String keys = "/api/v1/companies/" + company + "/api-keys";
        HttpResponse<String> created = call(token, "POST", keys, Map.of("label", "ERP"));
        assertThat(created.statusCode()).isEqualTo(201);
        String key = json(created).get("key").asString();
        String keyId = json(created).get("id").asString();
        assertThat(key).startsWith("gw_");

        HttpResponse<String> listed = call(token, "GET", keys, null);
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode only = json(listed).get("items").get(0);
        assertThat(only.get("label").asString()).isEqualTo("ERP");
        assertThat(only.get("lastFour").asString()).isEqualTo(key.substring(key.length() - 4));
        assertThat(only.has("key")).isFalse();
        assertThat(listed.body()).doesNotContain(key).doesNotContain(org.opengateway.document.Sha256.hex(
                key.getBytes(StandardCharsets.UTF_8)));

        // the key acts for exactly its company, on the existing API too
        assertThat(get(key, "/api/v1/invoices").statusCode()).isEqualTo(200);
        assertThat(ids(json(get(key, "/api/v1/companies")))).containsExactly(company.toString());
        String otherCompany = demoProperties().getProperty("sender.company-id");
        assertThat(get(key, "/api/v1/companies/" + otherCompany + "/api-keys").statusCode()).isEqualTo(404);

        assertThat(call(token, "DELETE", keys + "/" + keyId, null).statusCode()).isEqualTo(204);
        assertThat(get(key, "/api/v1/invoices").statusCode()).isEqualTo(401);
        assertThat(json(call(token, "GET", keys, null)).get("items").get(0).get("revokedAt").isNull()).isFalse();
        assertThat(call(token, "DELETE", keys + "/" + UUID.randomUUID(), null).statusCode()).isEqualTo(404);
    }

    @Test
    void registeringACompanyChecksEveryFieldAndGrantsItToTheCaller() {
        String token = token(newUser(Language.EN).email());
        String participant = freshParticipant();
        String orgNumber = participant.substring(5);
        assertProblem(call(token, "POST", "/api/v1/companies", company("Bad Number AB", "5567321708", "SE", participant)),
                400, "'orgNumber'");
        assertProblem(call(token, "POST", "/api/v1/companies", company("Bad Country AB", orgNumber, "XX", participant)),
                400, "'country'");
        assertProblem(call(token, "POST", "/api/v1/companies", company("Bad Participant AB", orgNumber, "SE", "0007-123")),
                400, "'participants[0]'");
        assertProblem(call(token, "POST", "/api/v1/companies", company("", orgNumber, "SE", participant)), 400, "'name'");
        String taken = demoProperties().getProperty("sender.participant");
        assertProblem(call(token, "POST", "/api/v1/companies", company("Taken AB", orgNumber, "SE", taken)),
                409, "already belongs to another company");

        HttpResponse<String> created = call(token, "POST", "/api/v1/companies",
                company("Nordisk Räkning AB", orgNumber, "se", participant));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode company = json(created);
        assertThat(company.get("country").asString()).isEqualTo("SE");
        assertThat(company.get("participants").get(0).asString()).isEqualTo(participant);
        assertThat(ids(json(call(token, "GET", "/api/v1/companies", null)))).containsExactly(company.get("id").asString());
        assertThat(Files.isDirectory(DATA_DIR.resolve("inbox").resolve(
                jdbc.sql("SELECT slug FROM company WHERE id = ?").param(UUID.fromString(company.get("id").asString()))
                        .query(String.class).single()))).isTrue();

        String apiKey = demoProperties().getProperty("sender.api-key");
        assertProblem(post(apiKey, "/api/v1/companies", company("By Key AB", orgNumber, "SE", freshParticipant())),
                403, "log in");
    }

    // --- helpers

    private User newUser(Language language) {
        return users.create("user-" + UUID.randomUUID() + "@example.com", "Test Person", language, PASSWORD, false);
    }

    private HttpResponse<String> login(String email, String password) {
        return post(null, "/api/v1/login", Map.of("email", email, "password", password));
    }

    private String token(String email) {
        HttpResponse<String> login = login(email, PASSWORD);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return json(login).get("token").asString();
    }

    private UUID registerCompany(String token) {
        String participant = freshParticipant();
        HttpResponse<String> created = call(token, "POST", "/api/v1/companies",
                company("Test Company AB", participant.substring(5), "SE", participant));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(json(created).get("id").asString());
    }

    private static Map<String, Object> company(String name, String orgNumber, String country, String participant) {
        return Map.of("name", name, "orgNumber", orgNumber, "country", country, "participants", List.of(participant));
    }

    /** Moves the session's last request back, as if it had been idle that long. */
    private void idleFor(String token, Duration idle) {
        assertThat(jdbc.sql("UPDATE user_session SET last_seen_at = ? WHERE token_hash = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minus(idle), Sessions.hash(token)).update()).isEqualTo(1);
    }

    /** Moves the account's brake into the past, as if the wait had passed. */
    private void waitOutTheBrake(String email) {
        jdbc.sql("UPDATE login_failure SET not_before = ? WHERE subject = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), LoginThrottle.accountSubject(email)).update();
    }

    private HttpResponse<String> call(String token, String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return send(request.build());
    }

    private HttpResponse<String> post(String token, String pathOrUrl, Object body) {
        HttpRequest.Builder request = jsonPost(pathOrUrl, body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private HttpRequest.Builder jsonPost(String pathOrUrl, Object body) {
        return HttpRequest.newBuilder(pathOrUrl.startsWith("http") ? java.net.URI.create(pathOrUrl) : url(pathOrUrl))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detailPart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(detail(response)).contains(detailPart);
    }

    private static String detail(HttpResponse<String> response) {
        return json(response).get("detail").asString();
    }

    private static List<String> ids(JsonNode list) {
        return list.get("items").valueStream().map(item -> item.get("id").asString()).toList();
    }

    private static MimeMessage mailTo(String email) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> Arrays.stream(SMTP.getReceivedMessages()).filter(m -> recipient(m).equals(email)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String link(String body) {
        Matcher link = LINK.matcher(body);
        assertThat(link.find()).as(body).isTrue();
        return link.group();
    }
}
