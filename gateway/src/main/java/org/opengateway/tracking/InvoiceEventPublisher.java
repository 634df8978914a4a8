package org.opengateway.tracking;

import jakarta.jms.ConnectionFactory;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.Message;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes every status change on the topic {@code gateway.invoices.events}. The history table is the outbox:
 * a change is stored with the invoice in one transaction, and this job sends what is not yet sent, so a crash
 * loses no event (one may be sent twice). Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several
 * nodes can run it at once.
 */
@Component
public class InvoiceEventPublisher {

    public static final String TOPIC = "gateway.invoices.events";
    private static final int BATCH = 200;

    private record Pending(long seq, UUID invoiceId, String status, String reason, OffsetDateTime at) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JmsTemplate topic;
    private final JsonMapper json;

    public InvoiceEventPublisher(JdbcClient jdbc, TransactionTemplate transactions, ConnectionFactory connectionFactory,
            JsonMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.topic = new JmsTemplate(connectionFactory);
        this.topic.setPubSubDomain(true);
    }

    /** Sends a batch of unsent events; returns how many. */
    public int publishPending() {
        Integer sent = transactions.execute(tx -> {
            List<Pending> pending = jdbc.sql("SELECT seq, invoice_id, status, reason, at FROM invoice_event"
                            + " WHERE published_at IS NULL ORDER BY seq FETCH FIRST " + BATCH + " ROWS ONLY"
                            + " FOR UPDATE SKIP LOCKED")
                    .query((rs, n) -> new Pending(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), rs.getObject(5, OffsetDateTime.class)))
                    .list();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            for (Pending event : pending) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("id", event.invoiceId().toString());
                jdbc.sql("SELECT company_id, invoice_number FROM invoice WHERE id = ?")
                        .param(event.invoiceId())
                        .query(rs -> {
                            body.put("company", rs.getObject(1, UUID.class).toString());
                            body.put("invoiceNumber", rs.getString(2));
                        });
                body.put("status", event.status());
                body.put("at", event.at().toString());
                body.put("reason", event.reason());
                String text = json.writeValueAsString(body);
                topic.send(TOPIC, session -> {
                    var message = session.createTextMessage(text);
                    message.setStringProperty("invoiceId", event.invoiceId().toString());
                    message.setStringProperty("company", String.valueOf(body.get("company")));
                    message.setStringProperty("status", event.status());
                    // should the send fail only at its answer (a broker failover), the next try is the same event,
                    // and the broker drops it by this ID
                    message.setStringProperty(Message.HDR_DUPLICATE_DETECTION_ID.toString(), "invoice-event-" + event.seq());
                    return message;
                });
                jdbc.sql("UPDATE invoice_event SET published_at = ? WHERE seq = ?").params(now, event.seq()).update();
            }
            return pending.size();
        });
        return sent == null ? 0 : sent;
    }
}
