package org.opengateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opengateway.crash.GatewayProcess;
import org.opengateway.testing.ExternalArtemis;
import org.opengateway.testing.TestInvoices;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * kill -9 of the primary broker of an external Artemis pair under a steady stream of queue submissions and API calls.
 * The producer behaves as an ERP system should: a send that fails (the one in flight at the failover) is sent again,
 * with the same bytes and the same duplicate ID ({@code _AMQ_DUPL_ID}). Afterwards every submission is exactly one
 * invoice, the gateway went on working on the backup, and each status change was published once.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class BrokerFailoverIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int QUEUE_INVOICES = 240;
    private static final int KILL_AFTER = 80;
    private static final String SUBSCRIPTION = "failover-test";

    private GatewayProcess gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() throws IOException {
        if (gateway != null) {
            gateway.close();
            GatewayProcess.deleteRecursively(gateway.dataDir());
        }
    }

    @Test
    void everyConfirmedSubmissionIsOneInvoiceAfterThePrimaryDies() throws Exception {
        ExternalArtemis artemis = ExternalArtemis.required();
        org.junit.jupiter.api.Assumptions.assumeTrue(artemis.primaryProcess().isPresent(), "The primary broker of "
                + artemis.primaryInstance() + " no longer runs (an earlier run killed it): start a new pair with"
                + " .ci/artemis.sh");
        // sending is off: this test is about intake and events, and the CPU is better spent on them
        List<String> args = new ArrayList<>(artemis.gatewayArgs());
        args.add("--gateway.sending.enabled=false");
        gateway = GatewayProcess.start(GatewayProcess.locateJar(), Files.createTempDirectory("gateway-failover-"),
                GatewayProcess.freePort(), GatewayProcess.freePort(), "gateway.log", args.toArray(String[]::new));
        gateway.awaitUp(GatewayProcess.START_DEADLINE);
        Properties demo = gateway.demoProperties();
        String clientId = "failover-" + System.nanoTime();
        subscribeToEvents(artemis.connectionFactory(), clientId);

        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        AtomicInteger failedSends = new AtomicInteger();
        AtomicLong killedAt = new AtomicLong();
        AtomicLong firstConfirmedAfterKill = new AtomicLong();
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> produce(artemis.connectionFactory(), demo,
                confirmed, failedSends, killedAt, firstConfirmedAfterKill));
        AtomicBoolean streaming = new AtomicBoolean(true);
        Set<String> overApi = ConcurrentHashMap.newKeySet();
        CompletableFuture<Void> api = CompletableFuture.runAsync(() -> postWhile(streaming, demo, overApi));

        await().atMost(Duration.ofMinutes(2)).until(() -> confirmed.size() >= KILL_AFTER || producer.isDone());
        artemis.killPrimary();
        killedAt.set(System.nanoTime());
        producer.get(3, TimeUnit.MINUTES);
        streaming.set(false);
        api.get(1, TimeUnit.MINUTES);
        assertThat(confirmed).hasSize(QUEUE_INVOICES);

        Set<String> expected = new HashSet<>(confirmed);
        expected.addAll(overApi);
        String key = demo.getProperty("sender.api-key");
        long processStart = System.nanoTime();
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .until(() -> invoices(key).size() >= expected.size());
        List<JsonNode> invoices = invoices(key);
        List<String> numbers = invoices.stream().map(invoice -> invoice.path("invoiceNumber").asString()).toList();
        assertThat(numbers).as("each submission exactly once").doesNotHaveDuplicates();
        assertThat(new HashSet<>(numbers)).isEqualTo(expected);
        assertThat(invoices).allSatisfy(invoice -> assertThat(invoice.path("status").asString()).isEqualTo("ACCEPTED"));

        Map<String, Set<String>> events = drainEvents(artemis.connectionFactory(), clientId, invoices);
        assertThat(events).allSatisfy((change, messageIds) -> assertThat(messageIds)
                .as("published once: %s", change).hasSize(1));

        System.out.printf("Failover under load: %d queue submissions (+%d over the API), %d sends failed at the"
                        + " failover and were sent again, first send confirmed %d ms after kill -9 of the primary,"
                        + " all invoices stored %d ms after the last send%n", QUEUE_INVOICES, overApi.size(),
                failedSends.get(), TimeUnit.NANOSECONDS.toMillis(firstConfirmedAfterKill.get() - killedAt.get()),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - processStart));
    }

    /** A durable subscription to every event, made before the stream, read at the end: it outlives the failover. */
    private static void subscribeToEvents(ActiveMQConnectionFactory factory, String clientId) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            connection.setClientID(clientId);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createDurableSubscriber(session.createTopic("gateway.invoices.events"), SUBSCRIPTION).close();
        }
    }

    /**
     * The ERP side: sends each invoice once the previous one is confirmed (a persistent send returns when the broker
     * has the message); a failed send is sent again on a new connection, with the same bytes and duplicate ID.
     */
    private static void produce(ActiveMQConnectionFactory factory, Properties demo, Set<String> confirmed,
            AtomicInteger failedSends, AtomicLong killedAt, AtomicLong firstConfirmedAfterKill) {
        Connection connection = null;
        try {
            for (int i = 0; i < QUEUE_INVOICES; i++) {
                String number = "FAILOVER-" + i;
                byte[] body = TestInvoices.invoiceBytes(number, demo.getProperty("sender.participant"),
                        demo.getProperty("receiver.participant"));
                while (true) {
                    try {
                        if (connection == null) {
                            connection = factory.createConnection();
                        }
                        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                        MessageProducer producer = session.createProducer(session.createQueue("gateway.invoices.submit"));
                        BytesMessage message = session.createBytesMessage();
                        message.writeBytes(body);
                        message.setStringProperty("GatewayApiKey", demo.getProperty("sender.api-key"));
                        message.setStringProperty("_AMQ_DUPL_ID", number);
                        producer.send(message);
                        session.close();
                        confirmed.add(number);
                        if (killedAt.get() != 0) {
                            firstConfirmedAfterKill.compareAndSet(0, System.nanoTime());
                        }
                        break;
                    } catch (JMSException e) {
                        failedSends.incrementAndGet();
                        closeQuietly(connection);
                        connection = null;
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200)); // an ERP's pause before a retry
                    }
                }
            }
        } finally {
            closeQuietly(connection);
        }
    }

    /** API calls alongside, each with its own number; a call that gets no answer is made again (same key). */
    private void postWhile(AtomicBoolean streaming, Properties demo, Set<String> accepted) {
        for (int i = 0; streaming.get(); i++) {
            String number = "FAILOVER-API-" + i;
            HttpRequest request = HttpRequest.newBuilder(gateway.url("/api/v1/invoices"))
                    .header("Authorization", "Bearer " + demo.getProperty("sender.api-key"))
                    .header("Content-Type", "application/xml").header("Idempotency-Key", number)
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(TestInvoices.invoiceBytes(number,
                            demo.getProperty("sender.participant"), demo.getProperty("receiver.participant"))))
                    .build();
            HttpResponse<String> response = null;
            while (response == null) {
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            assertThat(response.statusCode()).as("the API answers while the broker fails over: %s", response.body())
                    .isEqualTo(202);
            accepted.add(number);
        }
    }

    /** Every invoice of the demo sender, by the list API. */
    private List<JsonNode> invoices(String apiKey) throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            gateway.url("/api/v1/invoices?size=500&page=" + page))
                    .header("Authorization", "Bearer " + apiKey).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode items = JSON.readTree(response.body()).path("items");
            items.forEach(all::add);
            if (items.size() < 500) {
                return all;
            }
        }
    }

    /**
     * Reads the subscription until it holds the RECEIVED and ACCEPTED events of every invoice, then what else is there;
     * answers the JMS message IDs per "invoice status". The same message delivered again to this reader (an
     * acknowledgement lost in the failover) has the same ID; an event the gateway published twice would not.
     */
    private static Map<String, Set<String>> drainEvents(ActiveMQConnectionFactory factory, String clientId,
            List<JsonNode> invoices) throws JMSException {
        Set<String> expected = new HashSet<>();
        for (JsonNode invoice : invoices) {
            expected.add(invoice.path("id").asString() + " RECEIVED");
            expected.add(invoice.path("id").asString() + " ACCEPTED");
        }
        Map<String, Set<String>> seen = new HashMap<>();
        try (Connection connection = factory.createConnection()) {
            connection.setClientID(clientId);
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("gateway.invoices.events");
            try (MessageConsumer consumer = session.createDurableSubscriber(topic, SUBSCRIPTION)) {
                while (!seen.keySet().containsAll(expected)) {
                    Message event = consumer.receive(60_000);
                    assertThat(event).as("every invoice's events within 60 s; missing e.g. %s", expected.stream()
                            .filter(change -> !seen.containsKey(change)).limit(3).toList()).isNotNull();
                    record(seen, event);
                }
                // anything published twice was published before the last expected event; collect it too
                for (Message event = consumer.receiveNoWait(); event != null; event = consumer.receiveNoWait()) {
                    record(seen, event);
                }
            }
            session.unsubscribe(SUBSCRIPTION);
        }
        assertThat(seen.keySet()).containsAll(expected);
        return seen;
    }

    private static void record(Map<String, Set<String>> seen, Message event) throws JMSException {
        seen.computeIfAbsent(event.getStringProperty("invoiceId") + " " + event.getStringProperty("status"),
                change -> new HashSet<>()).add(event.getJMSMessageID());
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException | RuntimeException e) {
                // the connection is gone with the broker; a new one is made
            }
        }
    }
}
