package org.opengateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.opengateway.testing.GatewayIT;
import org.opengateway.testing.TestInvoices;
import tools.jackson.databind.JsonNode;

/**
 * The local network on one gateway, as a new user first sees it: an invoice from the demo sender to the demo receiver
 * is looked up in the gateway's own SMP and sent over AS4 to its own {@code /as4} (real HTTP, signed and encrypted,
 * no shortcut), ends DELIVERED with a receipt, and reaches the demo receiver.
 */
class LocalDeliveryIT extends GatewayIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void anInvoiceToTheDemoReceiverIsDeliveredThroughOurOwnSmpAndAs4Endpoint() {
        DemoCompany sender = demo("sender");
        DemoCompany receiver = demo("receiver");
        String number = uniqueNumber("LOCAL");
        HttpResponse<String> answer = post(sender.apiKey(),
                TestInvoices.invoiceBytes(number, sender.participant(), receiver.participant()));
        assertThat(answer.statusCode()).isEqualTo(202);
        String id = json(answer).get("id").asString();

        JsonNode invoice = awaitStatus(sender.apiKey(), id, "DELIVERED");
        JsonNode delivery = invoice.get("delivery");
        assertThat(delivery.get("receivingEndpoint").asString()).isEqualTo("http://127.0.0.1:" + port + "/as4");
        assertThat(delivery.get("receivingAccessPoint").asString()).isEqualTo("PSE000002");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(invoice.get("history").findValuesAsString("status"))
                .containsExactly("RECEIVED", "ACCEPTED", "SENDING", "DELIVERED");
        HttpResponse<String> receipt = get(sender.apiKey(), delivery.get("receipt").asString());
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(receipt.body()).contains("Receipt").contains(delivery.get("as4MessageId").asString());
        assertThat(get(receiver.apiKey(), delivery.get("receipt").asString()).statusCode())
                .as("the receipt is the sender's, not the receiver's").isEqualTo(404);

        await().atMost(DEADLINE).ignoreExceptions().until(() -> json(get(receiver.apiKey(), "/api/v1/received?size=500"))
                .get("items").findValuesAsString("invoiceNumber").contains(number));
    }

    @Test
    void anInvoiceToARecipientNoSmpKnowsIsUndeliveredWithTheReason() {
        DemoCompany sender = demo("sender");
        String id = json(post(sender.apiKey(),
                TestInvoices.invoiceBytes(uniqueNumber("NOWHERE"), sender.participant(), freshParticipant())))
                .get("id").asString();
        JsonNode invoice = awaitStatus(sender.apiKey(), id, "UNDELIVERED");
        assertThat(invoice.get("statusReason").asString()).contains("not registered in Peppol");
        assertThat(invoice.get("delivery").get("attempts").asInt()).isEqualTo(1);
        assertThat(get(sender.apiKey(), "/api/v1/invoices/" + id + "/receipt").statusCode()).isEqualTo(404);
    }

    private JsonNode awaitStatus(String apiKey, String id, String status) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            last.set(json(get(apiKey, "/api/v1/invoices/" + id)));
            assertThat(last.get().get("status").asString()).as(last.get().toString()).isEqualTo(status);
        });
        return last.get();
    }
}
