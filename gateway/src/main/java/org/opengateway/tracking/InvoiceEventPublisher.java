package org.opengateway.tracking;

import jakarta.annotation.PreDestroy;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.activemq.artemis.api.core.Message;
import org.opengateway.cluster.ClusterJobs;
import org.opengateway.cluster.Wakeup;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes every status change on the topic {@code gateway.invoices.events}. The history table is the outbox:
 * a change is stored with the invoice in one transaction, and this job sends what is not yet sent, so a crash
 * loses no event (one may be sent twice). Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several
 * nodes can run it at once.
 * <p>A change made on this node is published the moment its transaction commits, on the node that runs the job for
 * the cluster; after each such run the job rests a moment ({@code gateway.events.rest}), so that a busy node sends the
 * changes of that moment in one batch rather than one transaction each. The route's timer takes up what other nodes
 * wrote.
 */
@Component
public class InvoiceEventPublisher {

    public static final String TOPIC = "gateway.invoices.events";
    /** The job's name for the cluster: the name of the route's timer, so that both take the same lease. */
    static final String JOB = "invoice-events";
    private static final int BATCH = 200;

    private record Pending(long seq, UUID invoiceId, String status, String reason, OffsetDateTime at) {
    }

    /** What an event tells of its invoice besides its state. */
    private record Invoice(UUID companyId, String invoiceNumber) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JmsTemplate topic;
    private final JsonMapper json;
    private final Wakeup wakeup;
    private final ReentrantLock publishing = new ReentrantLock();

    public InvoiceEventPublisher(JdbcClient jdbc, TransactionTemplate transactions, ConnectionFactory connectionFactory,
            JsonMapper json, ClusterJobs jobs, @Value("${gateway.events.rest:50ms}") Duration rest) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.topic = new JmsTemplate(connectionFactory);
        this.topic.setPubSubDomain(true);
        this.wakeup = new Wakeup("invoice-events-wakeup", () -> {
            if (jobs.onOneNode(JOB)) {
                publishPending();
            }
        }, rest);
    }

    /** A change of state was committed on this node: publish it now rather than at the timer's next tick. */
    @TransactionalEventListener(fallbackExecution = true)
    public void onHistoryWritten(InvoiceStore.HistoryWritten written) {
        wakeup.ask();
    }

    @PreDestroy
    void stop() {
        wakeup.close();
    }

    /**
     * Sends a batch of unsent events; returns how many. The batch and its invoices are read in two queries, sent in one
     * JMS session and marked sent in one update, all in one transaction.
     */
    public int publishPending() {
        // the timer and the wake-up take turns, so that the events leave in the order they happened
        publishing.lock();
        try {
            return publishBatch();
        } finally {
            publishing.unlock();
        }
    }

    private int publishBatch() {
        Integer sent = transactions.execute(tx -> {
            List<Pending> pending = jdbc.sql("SELECT seq, invoice_id, status, reason, at FROM invoice_event"
                            + " WHERE published_at IS NULL ORDER BY seq FETCH FIRST " + BATCH + " ROWS ONLY"
                            + " FOR UPDATE SKIP LOCKED")
                    .query((rs, n) -> new Pending(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), rs.getObject(5, OffsetDateTime.class)))
                    .list();
            if (pending.isEmpty()) {
                return 0;
            }
            Map<UUID, Invoice> invoices = invoicesOf(pending);
            topic.execute(session -> {
                MessageProducer producer = session.createProducer(session.createTopic(TOPIC));
                try {
                    for (Pending event : pending) {
                        producer.send(message(session, event, invoices.get(event.invoiceId())));
                    }
                } finally {
                    producer.close();
                }
                return null;
            }, true);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            jdbc.sql("UPDATE invoice_event SET published_at = ? WHERE seq IN (" + placeholders(pending.size()) + ")")
                    .params(parameters(now, pending))
                    .update();
            return pending.size();
        });
        return sent == null ? 0 : sent;
    }

    private Map<UUID, Invoice> invoicesOf(List<Pending> events) {
        List<Object> ids = events.stream().map(Pending::invoiceId).distinct().map(Object.class::cast).toList();
        Map<UUID, Invoice> invoices = new HashMap<>();
        jdbc.sql("SELECT id, company_id, invoice_number FROM invoice WHERE id IN (" + placeholders(ids.size()) + ")")
                .params(ids)
                .query(rs -> {
                    invoices.put(rs.getObject(1, UUID.class), new Invoice(rs.getObject(2, UUID.class),
                            rs.getString(3)));
                });
        return invoices;
    }

    private TextMessage message(Session session, Pending event, Invoice invoice) throws JMSException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.invoiceId().toString());
        body.put("company", invoice.companyId().toString());
        body.put("invoiceNumber", invoice.invoiceNumber());
        body.put("status", event.status());
        body.put("at", event.at().toString());
        body.put("reason", event.reason());
        TextMessage message = session.createTextMessage(json.writeValueAsString(body));
        message.setStringProperty("invoiceId", event.invoiceId().toString());
        message.setStringProperty("company", invoice.companyId().toString());
        message.setStringProperty("status", event.status());
        // should the send fail only at its answer (a broker failover), the next try is the same event,
        // and the broker drops it by this ID
        message.setStringProperty(Message.HDR_DUPLICATE_DETECTION_ID.toString(), "invoice-event-" + event.seq());
        return message;
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static List<Object> parameters(OffsetDateTime now, List<Pending> pending) {
        List<Object> parameters = new ArrayList<>(pending.size() + 1);
        parameters.add(now);
        pending.forEach(event -> parameters.add(event.seq()));
        return parameters;
    }
}
