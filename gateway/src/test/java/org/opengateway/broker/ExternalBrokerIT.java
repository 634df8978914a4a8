package org.opengateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opengateway.crash.GatewayProcess;
import org.opengateway.testing.ExternalArtemis;
import org.opengateway.testing.TestInvoices;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway jar in a child JVM on an external Artemis primary/backup pair ({@code spring.artemis.mode=native}):
 * it starts no broker of its own, takes invoices from the external queue, answers on the reply queue, publishes its
 * events on the external topic, and puts the invoice it receives over AS4 (from itself, the demo sender to the demo
 * receiver) on the receiving company's external queue.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ExternalBrokerIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ExternalArtemis artemis;
    private static GatewayProcess gateway;
    private static Properties demo;

    @BeforeAll
    static void start() throws IOException {
        artemis = ExternalArtemis.required();
        Path dataDir = Files.createTempDirectory("gateway-external-broker-");
        gateway = GatewayProcess.start(GatewayProcess.locateJar(), dataDir, GatewayProcess.freePort(),
                GatewayProcess.freePort(), "gateway.log", artemis.gatewayArgs().toArray(String[]::new));
        gateway.awaitUp(GatewayProcess.START_DEADLINE);
        demo = gateway.demoProperties();
    }

    @AfterAll
    static void stop() throws IOException {
        if (gateway != null) {
            gateway.close();
            GatewayProcess.deleteRecursively(gateway.dataDir());
        }
    }

    @Test
    void startsNoBrokerOfItsOwn() throws IOException {
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", gateway.brokerPort()), 2000))
                    .as("nothing listens on the embedded broker's port").isInstanceOf(IOException.class);
        }
        assertThat(gateway.dataDir().resolve("broker")).as("no embedded broker journal").doesNotExist();
    }

    @Test
    void writesTheExternalBrokersSettingsForItsCompanies() throws IOException {
        String settings = Files.readString(gateway.dataDir().resolve(ExternalBrokerSetupFile.FILE_NAME),
                StandardCharsets.UTF_8);
        assertThat(settings)
                .contains("<security-setting match=\"gateway.invoices.received." + demo.getProperty("receiver.company-id") + "\">")
                .contains("artemis user add --user demo-sender --password ... --role company,company-demo-sender");
    }

    @Test
    void takesAnInvoiceFromTheQueueAnswersPublishesAndHandsOnWhatItReceives() throws Exception {
        String number = "EXT-" + System.nanoTime();
        String receiverQueue = "gateway.invoices.received." + demo.getProperty("receiver.company-id");
        try (Connection connection = artemis.connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer events = session.createConsumer(session.createTopic("gateway.invoices.events"));
            MessageConsumer received = session.createConsumer(session.createQueue(receiverQueue),
                    "invoiceNumber = '" + number + "'");
            TemporaryQueue replies = session.createTemporaryQueue();
            TextMessage submission = session.createTextMessage(TestInvoices.invoice(number,
                    demo.getProperty("sender.participant"), demo.getProperty("receiver.participant")));
            submission.setStringProperty("GatewayApiKey", demo.getProperty("sender.api-key"));
            submission.setJMSReplyTo(replies);
            session.createProducer(session.createQueue("gateway.invoices.submit")).send(submission);

            TextMessage reply = (TextMessage) session.createConsumer(replies).receive(60_000);
            assertThat(reply).as("an answer on the reply queue within 60 s; end of the gateway's log:\n%s",
                    gateway.logTail(40)).isNotNull();
            JsonNode answer = JSON.readTree(reply.getText());
            assertThat(answer.path("status").asString()).isEqualTo("ACCEPTED");
            String id = answer.path("id").asString();

            Set<String> statuses = new HashSet<>();
            while (!statuses.contains("ACCEPTED")) {
                Message event = events.receive(60_000);
                assertThat(event).as("the invoice's events on the topic within 60 s; seen %s", statuses).isNotNull();
                if (id.equals(event.getStringProperty("invoiceId"))) {
                    statuses.add(event.getStringProperty("status"));
                }
            }
            assertThat(statuses).contains("RECEIVED", "ACCEPTED");

            BytesMessage delivered = (BytesMessage) received.receive(120_000);
            assertThat(delivered).as("the invoice, sent over AS4 to the demo receiver, on its queue within 120 s;"
                    + " end of the gateway's log:\n%s", gateway.logTail(40)).isNotNull();
            byte[] ubl = new byte[(int) delivered.getBodyLength()];
            delivered.readBytes(ubl);
            assertThat(new String(ubl, StandardCharsets.UTF_8)).contains(number);
            assertThat(delivered.getStringProperty("sender")).isEqualTo(demo.getProperty("sender.participant"));
        }
    }
}
