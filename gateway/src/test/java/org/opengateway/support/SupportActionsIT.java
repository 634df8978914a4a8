package org.opengateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opengateway.account.CompanyGrants;
import org.opengateway.account.Language;
import org.opengateway.account.User;
import org.opengateway.testing.LoggedInIT;
import org.opengateway.testing.TestInvoices;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The support actions on the real gateway: real database, broker and HTTP, and sending over real AS4 to the gateway's
 * own {@code /as4} in the local network mode. An invoice to a participant no SMP knows ends UNDELIVERED; the tests
 * fix it the ways support would.
 */
class SupportActionsIT extends LoggedInIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    @Autowired
    CompanyGrants grants;
    @Autowired
    JdbcClient jdbc;

    private DemoCompany sender;
    private DemoCompany receiver;
    private User admin;
    private String adminToken;

    @BeforeEach
    void people() {
        sender = demo("sender");
        receiver = demo("receiver");
        admin = user(Language.EN, false);
        grants.grant(admin.id(), UUID.fromString(sender.companyId()), CompanyGrants.ADMINISTRATOR);
        adminToken = login(admin);
    }

    @Test
    void anUnregisteredRecipientIsCorrectedAndTheInvoiceIsDeliveredOnce() {
        String number = uniqueNumber("FIX-RCPT");
        String id = undeliverable(number);
        JsonNode diagnosis = json(call(adminToken, "GET", invoice(id, "diagnosis"), null));
        assertThat(diagnosis.get("reason").asString()).isEqualTo("RECIPIENT_NOT_REGISTERED");
        assertThat(diagnosis.get("explanation").asString()).contains("is not registered in Peppol");
        assertThat(diagnosis.get("fixes").findValuesAsString("fix"))
                .containsExactly("CORRECT_RECIPIENT", "RESEND", "UPLOAD_CORRECTED", "CANCEL");
        assertThat(diagnosis.get("fixes").get(0).get("path").asString()).isEqualTo(invoice(id, "recipient"));

        User swede = user(Language.SV, false);
        grants.grant(swede.id(), UUID.fromString(sender.companyId()), CompanyGrants.ADMINISTRATOR);
        assertThat(json(call(login(swede), "GET", invoice(id, "diagnosis"), null)).get("explanation").asString())
                .contains("är inte registrerad i Peppol");

        HttpResponse<String> bad = call(adminToken, "POST", invoice(id, "recipient"), Map.of("participant", "5564982212"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(detail(bad)).contains("'participant'");
        String firstMessageId = status(id).get("delivery").get("as4MessageId").asString();

        HttpResponse<String> corrected = call(adminToken, "POST", invoice(id, "recipient"),
                Map.of("participant", receiver.participant()));
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
        JsonNode delivered = awaitStatus(id, "DELIVERED");
        assertThat(delivered.get("receiver").asString()).isEqualTo(receiver.participant());
        assertThat(delivered.get("delivery").get("attempts").asInt()).isEqualTo(2);
        assertThat(delivered.get("delivery").get("as4MessageId").asString()).isNotEqualTo(firstMessageId);
        assertThat(reasons(delivered)).anySatisfy(reason -> assertThat(reason)
                .contains("Recipient corrected by " + admin.email()).contains(receiver.participant()));
        await().atMost(DEADLINE).ignoreExceptions().until(() -> receivedCount(number) == 1);

        for (String action : List.of("resend", "recipient", "cancel")) {
            HttpResponse<String> refused = call(adminToken, "POST", invoice(id, action),
                    Map.of("participant", freshParticipant(), "reason", "too late"));
            assertThat(refused.statusCode()).as(action).isEqualTo(409);
            assertThat(detail(refused)).contains("DELIVERED").contains("nothing");
        }
        assertThat(receivedCount(number)).isEqualTo(1);
    }

    @Test
    void supportResendsOnceTheRecipientIsRegisteredWithTheSameMessageAndIsAudited() {
        String participant = freshParticipant();
        String number = uniqueNumber("FIX-RESEND");
        String id = json(post(sender.apiKey(), TestInvoices.invoiceBytes(number, sender.participant(), participant)))
                .get("id").asString();
        String messageId = awaitStatus(id, "UNDELIVERED").get("delivery").get("as4MessageId").asString();
        String owner = login(user(Language.EN, false));
        registerRecipient(owner, registerCompany(owner, participant));

        User support = user(Language.EN, true);
        HttpResponse<String> resent = call(login(support), "POST", invoice(id, "resend"), null);
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
        JsonNode delivered = awaitStatus(id, "DELIVERED");
        assertThat(delivered.get("delivery").get("as4MessageId").asString()).isEqualTo(messageId);
        assertThat(delivered.get("history").findValuesAsString("status"))
                .containsExactly("RECEIVED", "ACCEPTED", "SENDING", "UNDELIVERED", "RETRY_SCHEDULED", "SENDING",
                        "DELIVERED");
        assertThat(reasons(delivered)).anySatisfy(reason ->
                assertThat(reason).startsWith("Resent by " + support.email() + " (support staff)"));
        assertThat(jdbc.sql("SELECT action FROM audit WHERE actor_id = ? AND company_id = ? ORDER BY seq")
                .params(support.id(), UUID.fromString(sender.companyId())).query(String.class).list())
                .contains("Resent invoice " + id + " (" + number + ")",
                        "POST " + invoice(id, "resend") + " answered 200");
        HttpResponse<String> settings = call(login(support), "PUT",
                "/api/v1/companies/" + sender.companyId() + "/recipient", null);
        assertThat(settings.statusCode()).as("support may not change a company's settings").isEqualTo(403);
    }

    @Test
    void aRejectedInvoiceIsReplacedByAnAcceptedCorrectionAndBothAreLinked() {
        String number = uniqueNumber("FIX-REPL");
        HttpResponse<String> rejected = post(sender.apiKey(),
                TestInvoices.schemaInvalid(number, sender.participant(), receiver.participant())
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(rejected.statusCode()).isEqualTo(422);
        String id = json(rejected).get("id").asString();
        JsonNode diagnosis = json(call(adminToken, "GET", invoice(id, "diagnosis"), null));
        assertThat(diagnosis.get("reason").asString()).isEqualTo("REJECTED_BY_VALIDATION");
        assertThat(diagnosis.get("fixes").findValuesAsString("fix")).containsExactly("UPLOAD_CORRECTED", "CANCEL");
        assertThat(diagnosis.get("findings").findValuesAsString("rule")).contains("XSD");
        assertThat(call(adminToken, "POST", invoice(id, "resend"), null).statusCode()).isEqualTo(409);
        assertThat(call(adminToken, "POST", invoice(id, "recipient"), Map.of("participant", receiver.participant()))
                .statusCode()).isEqualTo(409);

        HttpResponse<String> stillWrong = upload(id, TestInvoices.schemaInvalid(number + "-B", sender.participant(),
                receiver.participant()));
        assertThat(stillWrong.statusCode()).isEqualTo(422);
        assertThat(status(id).get("status").asString()).as("a rejected correction leaves it as it was")
                .isEqualTo("REJECTED");

        HttpResponse<String> corrected = upload(id, TestInvoices.invoice(number, sender.participant(),
                receiver.participant()));
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(202);
        String newId = json(corrected).get("id").asString();
        assertThat(status(id).get("status").asString()).isEqualTo("REPLACED");
        assertThat(reasons(status(id))).anySatisfy(reason -> assertThat(reason).contains(newId)
                .contains(admin.email()));
        assertThat(json(call(adminToken, "GET", invoice(id, "diagnosis"), null)).get("replacedBy").asString())
                .isEqualTo(newId);
        assertThat(json(call(adminToken, "GET", invoice(newId, "diagnosis"), null)).get("replaces").asString())
                .isEqualTo(id);
        awaitStatus(newId, "DELIVERED");
        HttpResponse<String> again = upload(id, TestInvoices.creditNote(number, sender.participant(),
                receiver.participant()));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(detail(again)).contains("REPLACED");
    }

    @Test
    void aCancelledInvoiceIsNeverSentAndAnAttemptUnderWayIsNotCancelledUnderItsFeet() {
        String participant = freshParticipant();
        String id = json(post(sender.apiKey(), TestInvoices.invoiceBytes(uniqueNumber("FIX-CANCEL"),
                sender.participant(), participant))).get("id").asString();
        awaitStatus(id, "UNDELIVERED");

        // as a claim of another node leaves it while its attempt is under way
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("UPDATE delivery SET in_flight = TRUE, done = FALSE, claimed_by = 'another-node', due_at = ?"
                + " WHERE invoice_id = ?").params(now.plusMinutes(10), UUID.fromString(id)).update();
        jdbc.sql("UPDATE invoice SET status = 'SENDING' WHERE id = ?").param(UUID.fromString(id)).update();
        HttpResponse<String> underWay = call(adminToken, "POST", invoice(id, "cancel"), Map.of("reason", "wrong"));
        assertThat(underWay.statusCode()).isEqualTo(409);
        assertThat(detail(underWay)).contains("under way");
        // that node dies: its lease ends, and a node of this gateway takes the attempt up and finishes it
        jdbc.sql("UPDATE delivery SET due_at = ? WHERE invoice_id = ?").params(now, UUID.fromString(id)).update();
        awaitStatus(id, "UNDELIVERED");

        HttpResponse<String> noReason = call(adminToken, "POST", invoice(id, "cancel"), Map.of());
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(detail(noReason)).contains("'reason'");
        HttpResponse<String> cancelled = call(adminToken, "POST", invoice(id, "cancel"),
                Map.of("reason", "Sent to the wrong customer"));
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(json(cancelled).get("fixes")).isEmpty();
        assertThat(reasons(status(id))).contains("Cancelled by " + admin.email() + ": Sent to the wrong customer");

        // the recipient now exists and the delivery row is due: only the cancel keeps it from being sent
        String owner = login(user(Language.EN, false));
        registerRecipient(owner, registerCompany(owner, participant));
        jdbc.sql("UPDATE delivery SET due_at = ? WHERE invoice_id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC), UUID.fromString(id)).update();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> status(id).get("status").asString().equals("CANCELLED"));
        assertThat(status(id).get("delivery").get("attempts").asInt()).isEqualTo(2);
        for (String action : List.of("resend", "recipient", "cancel")) {
            assertThat(call(adminToken, "POST", invoice(id, action), Map.of("participant", participant, "reason", "x"))
                    .statusCode()).as(action).isEqualTo(409);
        }
    }

    @Test
    void anotherCompanysCallersFindNothing() {
        String id = json(post(sender.apiKey(), TestInvoices.invoiceBytes(uniqueNumber("FIX-OTHER"),
                sender.participant(), freshParticipant()))).get("id").asString();
        User stranger = user(Language.EN, false);
        grants.grant(stranger.id(), UUID.fromString(receiver.companyId()), CompanyGrants.ADMINISTRATOR);
        String strangerToken = login(stranger);
        String otherPath = "/api/v1/companies/" + receiver.companyId() + "/invoices/" + id + "/";
        for (String[] call : new String[][] {{"GET", "diagnosis"}, {"GET", "rendering"}, {"GET", "document"},
                {"POST", "resend"}, {"POST", "recipient"}, {"POST", "cancel"}, {"POST", "replacement"}}) {
            Map<String, String> body = Map.of("participant", receiver.participant(), "reason", "x");
            assertThat(call(strangerToken, call[0], invoice(id, call[1]), body).statusCode())
                    .as("a user of another company: " + call[1]).isEqualTo(404);
            assertThat(call(receiver.apiKey(), call[0], invoice(id, call[1]), body).statusCode())
                    .as("an API key of another company: " + call[1]).isEqualTo(404);
            assertThat(call(strangerToken, call[0], otherPath + call[1], body).statusCode())
                    .as("their own company, but not their invoice: " + call[1]).isEqualTo(404);
        }
        assertThat(status(id).get("status").asString()).isNotEqualTo("CANCELLED");
    }

    @Test
    void theRenderingShowsTheInvoiceAndEscapesMarkupInIt() {
        String number = uniqueNumber("FIX-HTML");
        String document = TestInvoices.invoice(number, sender.participant(), receiver.participant())
                .replace("<cbc:DocumentCurrencyCode>", "<cbc:Note>&lt;script&gt;alert('owned')&lt;/script&gt;"
                        + " &amp; &lt;b&gt;bold&lt;/b&gt;</cbc:Note>\n<cbc:DocumentCurrencyCode>");
        HttpResponse<String> accepted = post(sender.apiKey(), document.getBytes(StandardCharsets.UTF_8));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = json(accepted).get("id").asString();

        HttpResponse<String> page = call(adminToken, "GET", invoice(id, "rendering"), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("Invoice " + number, "Nordlys Konsult AB", "Fjällbacka Bygg AB",
                "2026-11-20", "To pay", "1250.00", "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt; &amp; &lt;b&gt;")
                .doesNotContain("<script", "<b>bold");
        assertThat(call(adminToken, "GET", invoice(id, "document"), null).body()).isEqualTo(document);

        String credit = TestInvoices.creditNote(uniqueNumber("FIX-CN"), sender.participant(), receiver.participant());
        String creditId = json(post(sender.apiKey(), credit.getBytes(StandardCharsets.UTF_8))).get("id").asString();
        assertThat(call(adminToken, "GET", invoice(creditId, "rendering"), null).body()).contains("Credit note ");

        awaitStatus(id, "DELIVERED");
        AtomicReference<String> receivedId = new AtomicReference<>();
        await().atMost(DEADLINE).ignoreExceptions().untilAsserted(() -> {
            JsonNode items = json(get(receiver.apiKey(), "/api/v1/received?size=500")).get("items");
            for (JsonNode item : items) {
                if (number.equals(item.get("invoiceNumber").asString())) {
                    receivedId.set(item.get("id").asString());
                }
            }
            assertThat(receivedId.get()).isNotNull();
        });
        String receivedPage = "/api/v1/companies/" + receiver.companyId() + "/received/" + receivedId.get()
                + "/rendering";
        HttpResponse<String> received = call(receiver.apiKey(), "GET", receivedPage, null);
        assertThat(received.statusCode()).isEqualTo(200);
        assertThat(received.body()).contains("Invoice " + number, "&lt;script&gt;").doesNotContain("<script");
        assertThat(call(sender.apiKey(), "GET", receivedPage, null).statusCode()).isEqualTo(404);
    }

    // --- helpers

    /** An invoice of the demo sender to a participant no SMP knows, once it is UNDELIVERED. */
    private String undeliverable(String number) {
        String id = json(post(sender.apiKey(), TestInvoices.invoiceBytes(number, sender.participant(),
                freshParticipant()))).get("id").asString();
        awaitStatus(id, "UNDELIVERED");
        return id;
    }

    private String invoice(String id, String what) {
        return "/api/v1/companies/" + sender.companyId() + "/invoices/" + id + "/" + what;
    }

    private HttpResponse<String> upload(String id, String document) {
        return send(HttpRequest.newBuilder(url(invoice(id, "replacement")))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(document)).build());
    }

    private JsonNode status(String id) {
        return json(get(sender.apiKey(), "/api/v1/invoices/" + id));
    }

    private JsonNode awaitStatus(String id, String status) {
        return awaitInvoiceStatus(sender.apiKey(), id, status);
    }

    private long receivedCount(String number) {
        return json(get(receiver.apiKey(), "/api/v1/received?size=500")).get("items")
                .findValuesAsString("invoiceNumber").stream().filter(number::equals).count();
    }

    private static List<String> reasons(JsonNode invoice) {
        return invoice.get("history").findValuesAsString("reason");
    }
}
