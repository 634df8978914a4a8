package org.opengateway.receiving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.opengateway.testing.As4TestSender;
import org.opengateway.testing.As4TestSender.Message;
import org.opengateway.testing.As4TestSender.Sent;
import org.opengateway.testing.GatewayIT;
import org.opengateway.testing.SampleKeys;
import org.opengateway.testing.TestInvoices;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Invoices received from the Peppol network, end to end: sent over AS4 by phase4's stock sender (as another access
 * point), received by this gateway for the demo receiver, and handed to it through its outbox folder, its queue and
 * the API.
 */
class ReceivingIT extends GatewayIT {

    private static final String SUPPLIER = "0007:5567321707";

    @Autowired
    ReceivedDocuments received;

    @Test
    void anInvoiceForOurCompanyReachesItsOutboxFolderQueueAndApi() throws Exception {
        DemoCompany receiver = demo("receiver");
        String number = uniqueNumber("IN/2026");   // the slash must not reach the file name
        String messageId = UUID.randomUUID() + "@gateway-a";
        byte[] invoice = TestInvoices.invoiceBytes(number, SUPPLIER, receiver.participant());

        Sent sent = send(Message.invoice(messageId, UUID.randomUUID().toString(), SUPPLIER, receiver.participant(),
                invoice));

        assertThat(sent.signedReceipt()).as("a signed receipt came back").isTrue();
        String id = received.findIdByAs4MessageId(messageId).orElseThrow().toString();
        Path file = receiver.outbox().resolve(number.replace('/', '_') + "_" + id + ".xml");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(file));
        String written = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(written).as("the bare UBL invoice, without its SBDH").contains("<cbc:ID>" + number + "</cbc:ID>")
                .doesNotContain("StandardBusinessDocument");
        try (Stream<Path> files = Files.list(receiver.outbox())) {
            assertThat(files.map(Path::toString)).as("no temporary files left").noneMatch(n -> n.endsWith(".tmp"));
        }

        // the queue: the receiver's own API key may consume it, another company's may not
        try (Connection connection = connect(receiver.apiKey())) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue(receiver)),
                    "receivedId = '" + id + "'");
            BytesMessage message = (BytesMessage) consumer.receive(20_000);
            assertThat(message).as("the invoice on the receiver's queue").isNotNull();
            assertThat(message.getStringProperty("invoiceNumber")).isEqualTo(number);
            assertThat(message.getStringProperty("sender")).isEqualTo(SUPPLIER);
            assertThat(message.getStringProperty("documentType")).contains("Invoice-2::Invoice");
            assertThat(message.getBooleanProperty("valid")).isTrue();
            byte[] body = new byte[(int) message.getBodyLength()];
            message.readBytes(body);
            assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(written);
        }
        try (Connection stranger = connect(demo("sender").apiKey())) {
            Session session = stranger.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue(queue(receiver))))
                    .isInstanceOf(JMSSecurityException.class);
        }

        // the API
        JsonNode details = json(get(receiver.apiKey(), "/api/v1/received/" + id));
        assertThat(details.get("status").asString()).isEqualTo("AVAILABLE_TO_CUSTOMER");
        assertThat(details.get("invoiceNumber").asString()).isEqualTo(number);
        assertThat(details.get("sender").asString()).isEqualTo(SUPPLIER);
        assertThat(details.get("valid").asBoolean()).isTrue();
        assertThat(details.get("history")).hasSize(2);
        JsonNode list = json(get(receiver.apiKey(), "/api/v1/received?sender=" + SUPPLIER
                + "&status=AVAILABLE_TO_CUSTOMER&size=500"));
        assertThat(list.get("items").findValuesAsString("id")).contains(id);
        HttpResponse<String> original = get(receiver.apiKey(), "/api/v1/received/" + id + "/document");
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).contains("StandardBusinessDocument").contains(number);
        assertThat(get(demo("sender").apiKey(), "/api/v1/received/" + id).statusCode())
                .as("another company's received invoice").isEqualTo(404);
        assertThat(ack(demo("sender").apiKey(), id).statusCode()).isEqualTo(404);

        HttpResponse<String> acknowledged = ack(receiver.apiKey(), id);
        assertThat(acknowledged.statusCode()).isEqualTo(200);
        assertThat(json(acknowledged).get("status").asString()).isEqualTo("DELIVERED_TO_CUSTOMER");
        HttpResponse<String> again = ack(receiver.apiKey(), id);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("status").asString()).isEqualTo("DELIVERED_TO_CUSTOMER");
        assertThat(json(again).get("history")).as("acknowledged once").hasSize(3);
    }

    @Test
    void theSameMessageSentTwiceGetsTwoReceiptsAndIsStoredAndDeliveredOnce() throws Exception {
        DemoCompany receiver = demo("receiver");
        String number = uniqueNumber("TWICE");
        String instanceId = UUID.randomUUID().toString();
        byte[] invoice = TestInvoices.invoiceBytes(number, SUPPLIER, receiver.participant());
        Message message = Message.invoice(UUID.randomUUID() + "@gateway-a", instanceId, SUPPLIER,
                receiver.participant(), invoice);

        assertThat(send(message).signedReceipt()).isTrue();
        assertThat(send(message).signedReceipt()).as("the same AS4 message again").isTrue();
        // the same business document under a new AS4 message ID: a duplicate too
        assertThat(send(new Message(UUID.randomUUID() + "@gateway-a", instanceId, SUPPLIER, receiver.participant(),
                message.documentType(), invoice)).signedReceipt()).as("the same SBDH again").isTrue();

        assertThat(received.countBySbdhInstanceId(instanceId)).isEqualTo(1);
        String id = received.findIdByAs4MessageId(message.as4MessageId()).orElseThrow().toString();
        await().atMost(Duration.ofSeconds(20)).until(() -> outboxFiles(receiver, number) == 1);
        try (Connection connection = connect(receiver.apiKey())) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue(receiver)),
                    "receivedId = '" + id + "'");
            assertThat(consumer.receive(20_000)).isNotNull();
            assertThat(consumer.receive(1_000)).as("only one message on the queue").isNull();
        }
        assertThat(outboxFiles(receiver, number)).isEqualTo(1);
    }

    @Test
    void anInvoiceForAReceiverWeDoNotServeIsRefusedAsNotServicedAndNotStored() {
        String stranger = freshParticipant();
        String messageId = UUID.randomUUID() + "@gateway-a";
        long before = received.count();

        Sent sent = send(Message.invoice(messageId, UUID.randomUUID().toString(), SUPPLIER, stranger,
                TestInvoices.invoiceBytes(uniqueNumber("NOBODY"), SUPPLIER, stranger)));

        assertThat(sent.signedReceipt()).isFalse();
        assertThat(sent.errorDetails()).containsExactly("PEPPOL:NOT_SERVICED");
        assertThat(received.countByAs4MessageId(messageId)).isZero();
        assertThat(received.count()).isEqualTo(before);
    }

    @Test
    void aDocumentTypeOurCompanyDoesNotReceiveIsRefusedAsNotServiced() {
        DemoCompany receiver = demo("receiver");
        String messageId = UUID.randomUUID() + "@gateway-a";
        String order = "urn:oasis:names:specification:ubl:schema:xsd:Order-2::Order"
                + "##urn:fdc:peppol.eu:poacc:trns:order:3::2.1";

        byte[] payload = """
                <Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"
                    xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
                  <cbc:CustomizationID>urn:fdc:peppol.eu:poacc:trns:order:3</cbc:CustomizationID>
                  <cbc:ID>ORDER-1</cbc:ID>
                </Order>
                """.getBytes(StandardCharsets.UTF_8);

        Sent sent = send(new Message(messageId, UUID.randomUUID().toString(), SUPPLIER, receiver.participant(),
                order, payload));

        assertThat(sent.errorDetails()).containsExactly("PEPPOL:NOT_SERVICED");
        assertThat(received.countByAs4MessageId(messageId)).isZero();
    }

    @Test
    void anInvoiceThatFailsTheBusinessRulesIsReceivedAndDeliveredWithItsFindings() throws Exception {
        DemoCompany receiver = demo("receiver");
        String number = uniqueNumber("BADRULE");
        // no buyer reference and no order reference: PEPPOL-EN16931-R003
        byte[] invoice = TestInvoices.invoice(number, SUPPLIER, receiver.participant())
                .replace("<cbc:BuyerReference>PO-4711</cbc:BuyerReference>", "").getBytes(StandardCharsets.UTF_8);
        String messageId = UUID.randomUUID() + "@gateway-a";

        Sent sent = send(Message.invoice(messageId, UUID.randomUUID().toString(), SUPPLIER, receiver.participant(),
                invoice));

        assertThat(sent.signedReceipt()).as("the sender's access point gets its receipt").isTrue();
        String id = received.findIdByAs4MessageId(messageId).orElseThrow().toString();
        await().atMost(Duration.ofSeconds(20)).until(() -> outboxFiles(receiver, number) == 1);
        JsonNode details = json(get(receiver.apiKey(), "/api/v1/received/" + id));
        assertThat(details.get("status").asString()).isEqualTo("AVAILABLE_TO_CUSTOMER");
        assertThat(details.get("valid").asBoolean()).isFalse();
        assertThat(details.get("findings").findValuesAsString("rule")).contains("PEPPOL-EN16931-R003");
        assertThat(details.get("statusReason").asString()).contains("Failed validation");
    }

    @Test
    void aFileTakenFromTheOutboxFolderMarksTheInvoiceDelivered() throws Exception {
        DemoCompany receiver = demo("receiver");
        String number = uniqueNumber("PICKUP");
        String messageId = UUID.randomUUID() + "@gateway-a";
        send(Message.invoice(messageId, UUID.randomUUID().toString(), SUPPLIER, receiver.participant(),
                TestInvoices.invoiceBytes(number, SUPPLIER, receiver.participant())));
        String id = received.findIdByAs4MessageId(messageId).orElseThrow().toString();
        Path file = receiver.outbox().resolve(number + "_" + id + ".xml");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(file));

        Files.delete(file);

        await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED_TO_CUSTOMER".equals(
                json(get(receiver.apiKey(), "/api/v1/received/" + id)).get("status").asString()));
    }

    private Sent send(Message message) {
        return As4TestSender.send(SampleKeys.file("gateway-a.p12"), url("/as4").toString(), message);
    }

    private HttpResponse<String> ack(String apiKey, String id) {
        return send(HttpRequest.newBuilder(url("/api/v1/received/" + id + "/ack"))
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private static String queue(DemoCompany company) {
        return "gateway.invoices.received." + company.companyId();
    }

    private static long outboxFiles(DemoCompany company, String number) throws Exception {
        try (Stream<Path> files = Files.list(company.outbox())) {
            return files.filter(f -> f.getFileName().toString().startsWith(number + "_")).count();
        }
    }

    private static Connection connect(String apiKey) throws Exception {
        Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + BROKER_PORT)
                .createConnection("erp", apiKey);
        connection.start();
        return connection;
    }
}
