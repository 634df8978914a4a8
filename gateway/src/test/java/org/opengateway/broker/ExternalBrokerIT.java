package org.opengateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.opengateway.crash.GatewayProcess;
import org.opengateway.testing.ExternalArtemis;
import org.opengateway.testing.TestInvoices;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway jar in a child JVM on an external Artemis primary/backup pair ({@code spring.artemis.mode=native}). It
 * starts no broker of its own, takes invoices from the external queue, answers on the reply queue, publishes its
 * events on the external topic, and puts the invoices it receives over AS4 (from itself: the demo sender sends to the
 * demo receiver) on the receiving company's external queue. Last, the active broker is killed with kill -9 under a
 * steady stream of submissions: nothing is lost or doubled.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExternalBrokerIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SUBMIT = "gateway.invoices.submit";
    private static final String EVENTS = "gateway.invoices.events";
    private static final int QUEUE_INVOICES = 150;
    private static final int KILL_AFTER = 50;
    private static final int MOST_API_INVOICES = 40;
    private static final String FAILOVER = "FAILOVER-";

    private static ExternalArtemis artemis;
    private static GatewayProcess gateway;
    private static Properties demo;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
    @Order(1)
    void startsNoBrokerOfItsOwn() throws IOException {
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", gateway.brokerPort()), 2000))
                    .as("nothing listens on the embedded broker's port").isInstanceOf(IOException.class);
        }
        assertThat(gateway.dataDir().resolve("broker")).as("no embedded broker journal").doesNotExist();
    }

    @Test
    @Order(1)
    void writesTheExternalBrokersSettingsForItsCompanies() throws IOException {
        assertThat(gateway.dataDir().resolve(ExternalBrokerSetupFile.SETTINGS_FILE)).content(StandardCharsets.UTF_8)
                .contains("<security-setting match=\"gateway.invoices.received." + demo.getProperty("receiver.company-id") + "\">");
        assertThat(gateway.dataDir().resolve(ExternalBrokerSetupFile.USERS_FILE)).content(StandardCharsets.UTF_8)
                .contains("artemis user add --user demo-sender --password ... --role company,company-demo-sender");
    }

    @Test
    @Order(1)
    void takesAnInvoiceFromTheQueueAnswersPublishesAndHandsOnWhatItReceives() throws Exception {
        String number = "EXT-" + System.nanoTime();
        try (Connection connection = artemis.connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer events = session.createConsumer(session.createTopic(EVENTS));
            MessageConsumer received = session.createConsumer(session.createQueue(receiverQueue()),
                    "invoiceNumber = '" + number + "'");
            JsonNode answer = submitAndAwaitTheAnswer(session, number, "sender", "receiver");
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

    /**
     * The written settings applied to both brokers, as an operator does, with a user for the demo receiver: that
     * user may submit (and gets the answer on its temporary queue) and take its own received invoices, and nothing of
     * the other company's or of the gateway's. The gateway's own login keeps every right.
     */
    @Test
    @Order(2)
    void theWrittenSettingsLetACompanyUserDoOnlyWhatItMay() throws Exception {
        artemis.applyBrokerXmlSections(Files.readString(gateway.dataDir().resolve(ExternalBrokerSetupFile.SETTINGS_FILE)));
        String password = UUID.randomUUID().toString();
        artemis.addUser("demo-receiver", password, List.of("company", "company-demo-receiver"));
        String othersQueue = "gateway.invoices.received." + demo.getProperty("sender.company-id");
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(artemis.url());
        // the brokers read their files again every few seconds (the users and the broker.xml apart), and keep a
        // permission they looked up for a while: wait until the user may take its own queue and not the other's
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            try (Connection connection = factory.createConnection("demo-receiver", password)) {
                return !refused(connection, session -> session.createConsumer(session.createQueue(receiverQueue())))
                        && refused(connection, session -> session.createConsumer(session.createQueue(othersQueue)));
            }
        });
        try (Connection connection = factory.createConnection("demo-receiver", password)) {
            connection.start();
            assertThat(refused(connection, session -> session.createConsumer(session.createQueue(SUBMIT))))
                    .as("may not read the submissions").isTrue();
            assertThat(refused(connection, session -> session.createConsumer(session.createTopic(EVENTS))))
                    .as("may not follow every company's events").isTrue();

            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            JsonNode answer = submitAndAwaitTheAnswer(session, "EXT-USER-" + System.nanoTime(), "receiver", "sender");
            assertThat(answer.path("status").asString()).isEqualTo("ACCEPTED");
        }
        try (Connection connection = artemis.connectionFactory().createConnection()) {
            assertThat(refused(connection, session -> session.createConsumer(session.createTopic(EVENTS))))
                    .as("the gateway's login may do everything").isFalse();
        }
    }

    /**
     * Submits an invoice from one demo company ({@code from}: "sender" or "receiver") to the other, as an ERP does,
     * and answers the gateway's answer from the temporary reply queue.
     */
    private static JsonNode submitAndAwaitTheAnswer(Session session, String number, String from, String to)
            throws JMSException {
        TemporaryQueue replies = session.createTemporaryQueue();
        TextMessage submission = session.createTextMessage(TestInvoices.invoice(number,
                demo.getProperty(from + ".participant"), demo.getProperty(to + ".participant")));
        submission.setStringProperty("GatewayApiKey", demo.getProperty(from + ".api-key"));
        submission.setJMSReplyTo(replies);
        session.createProducer(session.createQueue(SUBMIT)).send(submission);
        TextMessage reply = (TextMessage) session.createConsumer(replies).receive(60_000);
        assertThat(reply).as("an answer on the reply queue within 60 s; end of the gateway's log:\n%s",
                gateway.logTail(40)).isNotNull();
        return JSON.readTree(reply.getText());
    }

    private interface SessionStep {
        void run(Session session) throws JMSException;
    }

    /** True when the broker refuses the step for want of permission; each try has a session of its own. */
    private static boolean refused(Connection connection, SessionStep step) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            step.run(session);
            return false;
        } catch (JMSSecurityException e) {
            return true;
        }
    }

    /**
     * The producer behaves as an ERP system should: a send that fails (the one in flight at the failover) is sent
     * again, with the same bytes and the same duplicate ID ({@code _AMQ_DUPL_ID}). Afterwards every submission is
     * exactly one invoice, delivered once to the receiver's queue, and each event was published once.
     */
    @Test
    @Order(3)
    void everySubmissionIsOneInvoiceAfterThePrimaryBrokerIsKilled() throws Exception {
        // other tests kill a broker too, and start it again: wait until the pair is whole
        artemis.awaitWhole(Duration.ofMinutes(3));
        String clientId = "failover-" + System.nanoTime();
        subscribeToEvents(clientId);

        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        AtomicInteger failedSends = new AtomicInteger();
        AtomicLong killedAt = new AtomicLong();
        AtomicLong firstConfirmedAfterKill = new AtomicLong();
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> produce(confirmed, failedSends, killedAt,
                firstConfirmedAfterKill));
        AtomicBoolean streaming = new AtomicBoolean(true);
        Set<String> overApi = ConcurrentHashMap.newKeySet();
        CompletableFuture<Void> api = CompletableFuture.runAsync(() -> postWhile(streaming, overApi));

        await().atMost(Duration.ofMinutes(2)).until(() -> confirmed.size() >= KILL_AFTER || producer.isDone());
        Path killed = artemis.killActive();
        killedAt.set(System.nanoTime());
        producer.get(3, TimeUnit.MINUTES);
        streaming.set(false);
        api.get(1, TimeUnit.MINUTES);
        assertThat(confirmed).hasSize(QUEUE_INVOICES);

        Set<String> expected = new HashSet<>(confirmed);
        expected.addAll(overApi);
        long lastSend = System.nanoTime();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> failoverInvoices().stream().filter(invoice -> "DELIVERED".equals(
                        invoice.path("status").asString())).count() >= expected.size());
        long allDelivered = System.nanoTime();
        List<JsonNode> invoices = failoverInvoices();
        List<String> numbers = invoices.stream().map(invoice -> invoice.path("invoiceNumber").asString()).toList();
        assertThat(numbers).as("each submission exactly once").doesNotHaveDuplicates();
        assertThat(new HashSet<>(numbers)).isEqualTo(expected);
        assertThat(invoices).allSatisfy(invoice -> assertThat(invoice.path("status").asString()).isEqualTo("DELIVERED"));

        Map<String, Set<String>> onReceiverQueue = drainReceived(expected);
        assertThat(onReceiverQueue).allSatisfy((number, messageIds) -> assertThat(messageIds)
                .as("put on the receiver's queue once: %s", number).hasSize(1));
        Map<String, Set<String>> events = drainEvents(clientId, invoices);
        assertThat(events).allSatisfy((event, messageIds) -> assertThat(messageIds)
                .as("published once: %s", event).hasSize(1));

        // the killed broker started again becomes the backup of the one now active: whole again for later tests
        artemis.restart(killed);
        artemis.awaitWhole(Duration.ofMinutes(3));
        System.out.printf("Failover under load: %d queue submissions (+%d over the API), %d sends failed at the"
                        + " failover and were sent again, first send confirmed %d ms after kill -9 of the active broker,"
                        + " all delivered %d ms after the last send%n", QUEUE_INVOICES, overApi.size(),
                failedSends.get(), TimeUnit.NANOSECONDS.toMillis(firstConfirmedAfterKill.get() - killedAt.get()),
                TimeUnit.NANOSECONDS.toMillis(allDelivered - lastSend));
    }

    private static String receiverQueue() {
        return "gateway.invoices.received." + demo.getProperty("receiver.company-id");
    }

    /** A durable subscription to every event, made before the stream, read at the end: it outlives the failover. */
    private static void subscribeToEvents(String clientId) throws JMSException {
        try (Connection connection = artemis.connectionFactory().createConnection()) {
            connection.setClientID(clientId);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createDurableSubscriber(session.createTopic(EVENTS), clientId).close();
        }
    }

    /**
     * The ERP side: sends each invoice once the previous one is confirmed (a persistent send returns when the broker
     * has the message); a failed send is sent again on a new connection, with the same bytes and duplicate ID.
     */
    private static void produce(Set<String> confirmed, AtomicInteger failedSends, AtomicLong killedAt,
            AtomicLong firstConfirmedAfterKill) {
        ActiveMQConnectionFactory factory = artemis.connectionFactory();
        Connection connection = null;
        try {
            for (int i = 0; i < QUEUE_INVOICES; i++) {
                String number = FAILOVER + i;
                byte[] body = invoice(number);
                while (true) {
                    try {
                        if (connection == null) {
                            connection = factory.createConnection();
                        }
                        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                        MessageProducer producer = session.createProducer(session.createQueue(SUBMIT));
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

    private static byte[] invoice(String number) {
        return TestInvoices.invoiceBytes(number, demo.getProperty("sender.participant"),
                demo.getProperty("receiver.participant"));
    }

    /** API calls alongside, each with its own number; a call that gets no answer is made again (same key). */
    private void postWhile(AtomicBoolean streaming, Set<String> accepted) {
        for (int i = 0; streaming.get() && i < MOST_API_INVOICES; i++) {
            String number = FAILOVER + "API-" + i;
            HttpRequest request = HttpRequest.newBuilder(gateway.url("/api/v1/invoices"))
                    .header("Authorization", "Bearer " + demo.getProperty("sender.api-key"))
                    .header("Content-Type", "application/xml").header("Idempotency-Key", number)
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(invoice(number)))
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

    /** The demo sender's invoices of this test, by the list API. */
    private List<JsonNode> failoverInvoices() throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            gateway.url("/api/v1/invoices?size=500&page=" + page))
                    .header("Authorization", "Bearer " + demo.getProperty("sender.api-key")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode items = JSON.readTree(response.body()).path("items");
            items.forEach(invoice -> {
                if (invoice.path("invoiceNumber").asString().startsWith(FAILOVER)) {
                    all.add(invoice);
                }
            });
            if (items.size() < 500) {
                return all;
            }
        }
    }

    /**
     * Takes the receiver's queue until it holds every one of the invoices; answers the JMS message IDs per invoice
     * number. A message delivered again to this reader has the same ID; a second copy put on the queue would not.
     */
    private static Map<String, Set<String>> drainReceived(Set<String> numbers) throws JMSException {
        try (Connection connection = artemis.connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(receiverQueue()))) {
                return drain(consumer, numbers, message -> message.getStringProperty("invoiceNumber"),
                        message -> message.getStringProperty("invoiceNumber"));
            }
        }
    }

    /**
     * Reads the subscription until it holds the RECEIVED, ACCEPTED and DELIVERED events of every invoice; answers
     * the JMS message IDs per event (its JSON: invoice, status, time and reason, the same for a repeat of one event).
     */
    private static Map<String, Set<String>> drainEvents(String clientId, List<JsonNode> invoices) throws JMSException {
        Set<String> expected = new HashSet<>();
        for (JsonNode invoice : invoices) {
            for (String status : List.of("RECEIVED", "ACCEPTED", "DELIVERED")) {
                expected.add(invoice.path("id").asString() + " " + status);
            }
        }
        try (Connection connection = artemis.connectionFactory().createConnection()) {
            connection.setClientID(clientId);
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Map<String, Set<String>> seen;
            try (MessageConsumer consumer = session.createDurableSubscriber(session.createTopic(EVENTS), clientId)) {
                seen = drain(consumer, expected,
                        message -> message.getStringProperty("invoiceId") + " " + message.getStringProperty("status"),
                        message -> ((TextMessage) message).getText());
            }
            session.unsubscribe(clientId);
            return seen;
        }
    }

    private interface MessageKey {
        String of(Message message) throws JMSException;
    }

    /**
     * Receives until a message for every one of {@code wanted} came, then takes what the consumer still holds (a
     * repeat comes before the last wanted one); answers the JMS message IDs of the messages per {@code identity}.
     */
    private static Map<String, Set<String>> drain(MessageConsumer consumer, Set<String> wanted, MessageKey which,
            MessageKey identity) throws JMSException {
        Map<String, Set<String>> seen = new HashMap<>();
        Set<String> missing = new HashSet<>(wanted);
        for (Message message = consumer.receive(60_000); message != null; message = missing.isEmpty()
                ? consumer.receiveNoWait() : consumer.receive(60_000)) {
            missing.remove(which.of(message));
            seen.computeIfAbsent(identity.of(message), k -> new HashSet<>()).add(message.getJMSMessageID());
        }
        assertThat(missing).as("messages that did not come within 60 s of the one before").isEmpty();
        return seen;
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
