package org.opengateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opengateway.testing.GatewayIT;
import org.opengateway.testing.TestInvoices;
import tools.jackson.databind.JsonNode;

/** The queue channel, used as an ERP system would: over TCP to the embedded broker, with a JMS client. */
class QueueIntakeIT extends GatewayIT {

    private Connection connection;
    private Session session;

    /** Connects as an ERP system does: with its company's API key as the password. */
    @BeforeEach
    void connect() throws Exception {
        connection = connect("erp", demo("sender").apiKey());
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    private static Connection connect(String user, String password) throws Exception {
        Connection opened = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + BROKER_PORT).createConnection(user, password);
        opened.start();
        return opened;
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    @Test
    void answersOnTheReplyQueueAndTracksTheInvoice() throws Exception {
        DemoCompany sender = demo("sender");
        String number = uniqueNumber("QUEUE");
        TemporaryQueue replies = session.createTemporaryQueue();
        TextMessage message = session.createTextMessage(TestInvoices.invoice(number, sender.participant(),
                "0007:5564982212"));
        message.setStringProperty("GatewayApiKey", sender.apiKey());
        message.setJMSReplyTo(replies);
        message.setJMSCorrelationID("erp-" + number);
        submit(message);

        TextMessage reply = (TextMessage) session.createConsumer(replies).receive(20_000);
        assertThat(reply).as("a reply within 20 s").isNotNull();
        assertThat(reply.getJMSCorrelationID()).isEqualTo("erp-" + number);
        JsonNode answer = JSON.readTree(reply.getText());
        assertThat(answer.get("status").asString()).isEqualTo("ACCEPTED");
        JsonNode stored = json(get(sender.apiKey(), "/api/v1/invoices/" + answer.get("id").asString()));
        assertThat(stored.get("channel").asString()).isEqualTo("QUEUE");
        assertThat(stored.get("invoiceNumber").asString()).isEqualTo(number);
    }

    @Test
    void aBytesMessageWithoutReplyToIsTakenToo() throws Exception {
        DemoCompany sender = demo("sender");
        String number = uniqueNumber("QBYTES");
        var message = session.createBytesMessage();
        message.writeBytes(TestInvoices.invoiceBytes(number, sender.participant(), "0007:5564982212"));
        message.setStringProperty("GatewayApiKey", sender.apiKey());
        submit(message);

        await().atMost(Duration.ofSeconds(20)).until(
                () -> json(get(sender.apiKey(), "/api/v1/invoices?invoiceNumber=" + number)).get("total").asLong() == 1);
    }

    @Test
    void theBrokerLetsInOnlyAValidKeyAndOnlyToSubmit() throws Exception {
        assertThatThrownBy(() -> connect("erp", "gw_wrong").close()).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> connect(null, null).close()).isInstanceOf(JMSSecurityException.class);
        // a company may not take others' submissions off the queue, nor follow every company's events
        assertThatThrownBy(() -> session.createConsumer(session.createQueue("gateway.invoices.submit")))
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> session.createConsumer(session.createTopic("gateway.invoices.events")))
                .isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void aMessageWithABadKeyIsAnsweredWith401() throws Exception {
        TemporaryQueue replies = session.createTemporaryQueue();
        TextMessage message = session.createTextMessage("<Invoice/>");
        message.setStringProperty("GatewayApiKey", "gw_wrong");
        message.setJMSReplyTo(replies);
        submit(message);

        TextMessage reply = (TextMessage) session.createConsumer(replies).receive(20_000);
        JsonNode answer = JSON.readTree(reply.getText());
        assertThat(answer.get("status").asInt()).isEqualTo(401);
        assertThat(answer.get("detail").asString()).contains("GatewayApiKey").contains("not known");
    }

    @Test
    void everyStatusChangeIsPublishedOnTheEventsTopic() throws Exception {
        DemoCompany sender = demo("sender");
        Connection operator = connect(OPERATOR_USER, OPERATOR_PASSWORD);
        Session operatorSession = operator.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer events = operatorSession.createConsumer(operatorSession.createTopic("gateway.invoices.events"));
        String number = uniqueNumber("EVENTS");
        String id = json(post(sender.apiKey(), TestInvoices.invoiceBytes(number, sender.participant(),
                "0007:5564982212"))).get("id").asString();

        List<JsonNode> mine = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (mine.size() < 2 && System.currentTimeMillis() < deadline) {
            TextMessage event = (TextMessage) events.receive(1_000);
            if (event != null) {
                JsonNode json = JSON.readTree(event.getText());
                if (json.get("id").asString().equals(id)) {
                    mine.add(json);
                }
            }
        }
        assertThat(mine).extracting(e -> e.get("status").asString()).containsExactly("RECEIVED", "ACCEPTED");
        JsonNode accepted = mine.get(1);
        assertThat(accepted.get("company").asString()).isEqualTo(sender.companyId());
        assertThat(accepted.get("invoiceNumber").asString()).isEqualTo(number);
        assertThat(accepted.get("at").asString()).isNotBlank();
        assertThat(accepted.get("reason").asString()).contains("Passed validation");
        operator.close();
    }

    private void submit(jakarta.jms.Message message) throws Exception {
        MessageProducer producer = session.createProducer(session.createQueue("gateway.invoices.submit"));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        producer.send(message);
        producer.close();
    }
}
