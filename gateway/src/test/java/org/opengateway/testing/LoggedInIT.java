package org.opengateway.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.opengateway.account.Language;
import org.opengateway.account.User;
import org.opengateway.account.Users;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Integration tests that act as people: users made for the test, logged in over the API. */
public abstract class LoggedInIT extends GatewayIT {

    protected static final String PASSWORD = "a password for these tests";

    @Autowired
    protected Users users;

    protected User user(Language language, boolean support) {
        return users.create("person-" + UUID.randomUUID() + "@example.com", "Test Person", language, PASSWORD,
                support);
    }

    /** Logs the user in and answers the session token. */
    protected String login(User user) {
        HttpResponse<String> login = call(null, "POST", "/api/v1/login",
                Map.of("email", user.email(), "password", PASSWORD));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return json(login).get("token").asString();
    }

    /** A JSON call; {@code token} a session token or an API key, or null for none. */
    protected HttpResponse<String> call(String token, String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** A new company with the participant ID, registered by the logged-in user, who becomes its administrator. */
    protected UUID registerCompany(String token, String participant) {
        HttpResponse<String> company = call(token, "POST", "/api/v1/companies", Map.of("name", "Company "
                + participant, "orgNumber", participant.substring(5), "country", "SE", "participants",
                List.of(participant)));
        assertThat(company.statusCode()).as(company.body()).isEqualTo(201);
        return UUID.fromString(json(company).get("id").asString());
    }

    /** Registers the company as a recipient in our SMP, so that invoices to its participant ID reach it. */
    protected void registerRecipient(String token, UUID company) {
        HttpResponse<String> registered = call(token, "PUT", "/api/v1/companies/" + company + "/recipient", null);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
    }

    /** Waits until the invoice of the API key's company is in the state, and answers it. */
    protected JsonNode awaitInvoiceStatus(String apiKey, String id, String status) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            last.set(json(get(apiKey, "/api/v1/invoices/" + id)));
            assertThat(last.get().get("status").asString()).as(last.get().toString()).isEqualTo(status);
        });
        return last.get();
    }

    protected static String detail(HttpResponse<String> problem) {
        return json(problem).get("detail").asString();
    }
}
