package org.opengateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opengateway.crash.GatewayProcess;
import org.opengateway.testing.TestInvoices;
import org.opengateway.testing.TestPostgres;
import tools.jackson.databind.JsonNode;

/**
 * The gateway on PostgreSQL, started as an operator starts it (the built jar in a child JVM, Spring Boot's own
 * {@code spring.datasource.*} settings, a fresh database): it takes invoices over the API, the folder and the queue,
 * sends each over AS4 to its own endpoint and delivers it to the demo receiver; an Idempotency-Key answers a repeat
 * with the first answer; the AS4 message IDs seen, the received documents and the job leases are in PostgreSQL.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PostgresGatewayIT {

    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private static GatewayProcess gateway;

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void invoicesFromEveryChannelAreSentAndReceivedWithEverythingKeptInPostgresql() throws Exception {
        TestPostgres.Database database = TestPostgres.freshDatabase("gateway");
        Path dataDir = Files.createTempDirectory("gateway-pg-");
        gateway = ClusterNodes.start(dataDir, "gateway.log", database);
        Properties demo = gateway.demoProperties();
        String key = demo.getProperty("sender.api-key");
        String sender = demo.getProperty("sender.participant");
        String receiver = demo.getProperty("receiver.participant");
        String run = UUID.randomUUID().toString().substring(0, 6);

        String overApi = "PG-API-" + run;
        byte[] apiInvoice = TestInvoices.invoiceBytes(overApi, sender, receiver);
        JsonNode first = ClusterNodes.json(ClusterNodes.post(gateway, key, apiInvoice, "first-" + run));
        JsonNode again = ClusterNodes.json(ClusterNodes.post(gateway, key, apiInvoice, "first-" + run));
        assertThat(again.get("id").asString()).as("the repeat gets the first answer").isEqualTo(first.get("id").asString());

        String overFolder = "PG-FILE-" + run;
        ClusterNodes.drop(Path.of(demo.getProperty("sender.inbox")), overFolder,
                TestInvoices.invoiceBytes(overFolder, sender, receiver));

        String overQueue = "PG-QUEUE-" + run;
        try (Connection jms = new ActiveMQConnectionFactory(gateway.brokerUrl()).createConnection("erp", key)) {
            jms.start();
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage message = session.createTextMessage(TestInvoices.invoice(overQueue, sender, receiver));
            message.setStringProperty("GatewayApiKey", key);
            var replies = session.createTemporaryQueue();
            message.setJMSReplyTo(replies);
            session.createProducer(session.createQueue("gateway.invoices.submit")).send(message);
            TextMessage reply = (TextMessage) session.createConsumer(replies).receive(DEADLINE.toMillis());
            assertThat(reply).as("an answer on the reply queue").isNotNull();
            assertThat(ClusterNodes.JSON.readTree(reply.getText()).get("status").asString()).isEqualTo("ACCEPTED");
        }

        List<String> numbers = List.of(overApi, overFolder, overQueue);
        for (String number : numbers) {
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(ClusterNodes.statusOf(gateway, key, number)).as(number).isEqualTo("DELIVERED"));
        }
        String receiverKey = demo.getProperty("receiver.api-key");
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(ClusterNodes.json(ClusterNodes.get(gateway, receiverKey,
                "/api/v1/received?size=500")).get("items").findValuesAsString("invoiceNumber"))
                .containsAll(numbers));

        try (java.sql.Connection sql = database.connect(); Statement statement = sql.createStatement()) {
            assertThat(count(statement, "SELECT COUNT(*) FROM invoice")).isEqualTo(3);
            assertThat(count(statement, "SELECT COUNT(*) FROM idempotency_key")).isEqualTo(1);
            assertThat(count(statement, "SELECT COUNT(*) FROM received_document")).isEqualTo(3);
            assertThat(count(statement, "SELECT COUNT(*) FROM as4_message_seen m JOIN delivery d"
                    + " ON d.as4_message_id = m.message_id")).as("every sent AS4 message was seen by the receiver")
                    .isEqualTo(3);
            assertThat(count(statement, "SELECT COUNT(*) FROM job_lease WHERE name = 'invoice-events'")).isEqualTo(1);
            assertThat(count(statement, "SELECT COUNT(*) FROM flyway_schema_history WHERE success = FALSE")).isZero();
        }
    }

    private static long count(Statement statement, String query) throws java.sql.SQLException {
        try (ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
