package org.opengateway.cluster;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.opengateway.crash.GatewayProcess;
import org.opengateway.testing.TestInvoices;

/**
 * The ERP side of the chaos test: one thread per channel (folder, HTTP API, Artemis queue) sends the invoices it is
 * given, one after the other with a short pause, and behaves as a real client should when a node, the broker or the
 * database goes away under it: an HTTP call that gets no answer, or a 5xx, is made again with the same
 * Idempotency-Key on the next node; a JMS send that fails is sent again on a new connection with the same bytes and
 * the same duplicate ID. An invoice counts as confirmed once the channel took it: the file is in the inbox, the API
 * answered 202, the broker confirmed the persistent send.
 */
final class ChaosLoad implements AutoCloseable {

    enum Channel { FOLDER, API, QUEUE }

    private static final Duration PAUSE = Duration.ofMillis(100);
    private static final String STOP = "";

    private final String run;
    private final String apiKey;
    private final String sender;
    private final String receiver;
    private final Path inbox;
    private final Supplier<List<GatewayProcess>> nodes;
    private final ActiveMQConnectionFactory broker;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<Channel, BlockingQueue<String>> work = new EnumMap<>(Channel.class);
    private final Map<Channel, AtomicInteger> retries = new EnumMap<>(Channel.class);
    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private int next;

    /**
     * @param nodes the sending nodes as they are now (a node killed and started again is a new process)
     */
    ChaosLoad(String run, String apiKey, String sender, String receiver, Path inbox,
            Supplier<List<GatewayProcess>> nodes, ActiveMQConnectionFactory broker) {
        this.run = run;
        this.apiKey = apiKey;
        this.sender = sender;
        this.receiver = receiver;
        this.inbox = inbox;
        this.nodes = nodes;
        this.broker = broker;
        for (Channel channel : Channel.values()) {
            work.put(channel, new LinkedBlockingQueue<>());
            retries.put(channel, new AtomicInteger());
            Thread thread = new Thread(() -> produce(channel), "chaos-" + channel);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Gives each channel {@code perChannel} new invoices to send; answers how many were given in all so far. */
    synchronized int add(int perChannel) {
        for (int i = 0; i < perChannel; i++, next++) {
            for (Channel channel : Channel.values()) {
                work.get(channel).add(number(channel, next));
            }
        }
        return next * Channel.values().length;
    }

    /** The invoice numbers the channels confirmed. */
    Set<String> confirmed() {
        return Set.copyOf(confirmed);
    }

    /** Invoices the gateway refused (a 4xx answer): none should be. */
    Set<String> refused() {
        return Set.copyOf(refused);
    }

    int retries(Channel channel) {
        return retries.get(channel).get();
    }

    /** The prefix of every invoice number of this run. */
    String prefix() {
        return "CHAOS-" + run + "-";
    }

    private String number(Channel channel, int index) {
        return String.format("%s%s-%04d", prefix(), channel.name().charAt(0), index);
    }

    private void produce(Channel channel) {
        QueueSender queue = channel == Channel.QUEUE ? new QueueSender() : null;
        try {
            while (true) {
                String number = work.get(channel).take();
                if (number.equals(STOP)) {
                    return;
                }
                byte[] invoice = TestInvoices.invoiceBytes(number, sender, receiver);
                switch (channel) {
                    case FOLDER -> ClusterNodes.drop(inbox, number, invoice);
                    case API -> post(number, invoice);
                    case QUEUE -> queue.send(number, invoice);
                }
                confirmed.add(number);
                LockSupport.parkNanos(PAUSE.toNanos()); // the steady pace of an ERP, not a wait for the gateway
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (queue != null) {
                queue.close();
            }
        }
    }

    /** Posts until a node answers 2xx or 4xx; a missing answer or a 5xx is tried again on the next node. */
    private void post(String number, byte[] invoice) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            List<GatewayProcess> current = nodes.get();
            // each invoice starts on a node of its own, as behind a load balancer, and moves on when it gets no answer
            GatewayProcess node = current.get((Math.floorMod(number.hashCode(), current.size()) + attempt)
                    % current.size());
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(node.url("/api/v1/invoices"))
                        .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/xml")
                        .header("Idempotency-Key", number).timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(invoice)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    return;
                }
                if (response.statusCode() / 100 == 4) {
                    refused.add(number + ": " + response.statusCode() + " " + response.body());
                    return;
                }
            } catch (IOException e) {
                // no answer: the node is gone, or went away during the call
            }
            retries.get(Channel.API).incrementAndGet();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    /** Sends on one connection, made again after a failure; the failover URL finds the active broker. */
    private final class QueueSender {
        private Connection connection;

        void send(String number, byte[] invoice) {
            while (true) {
                try {
                    if (connection == null) {
                        connection = broker.createConnection();
                    }
                    try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                        BytesMessage message = session.createBytesMessage();
                        message.writeBytes(invoice);
                        message.setStringProperty("GatewayApiKey", apiKey);
                        message.setStringProperty("_AMQ_DUPL_ID", number);
                        session.createProducer(session.createQueue("gateway.invoices.submit")).send(message);
                    }
                    return;
                } catch (JMSException | RuntimeException e) {
                    retries.get(Channel.QUEUE).incrementAndGet();
                    close();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                }
            }
        }

        void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (JMSException | RuntimeException e) {
                    // gone with the broker
                }
                connection = null;
            }
        }
    }

    /** Lets each channel finish what it was given, then ends the threads. */
    @Override
    public void close() {
        work.values().forEach(queue -> queue.add(STOP));
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.MINUTES.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            thread.interrupt();
        }
    }
}
