package org.opengateway.company;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
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
        JsonNode effective = json(set).get("effective");
        assertThat(effective.get("reports").asString()).isEqualTo("numbers@example.com");
        assertThat(effective.get("invoicing").asString()).isEqualTo("office@example.com");
        assertThat(json(set).get("contacts").has("invoicing")).isFalse();
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

    // --- helpers

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
