package org.opengateway.mls;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The two MLS service levels over a period, against their targets: as receiving access point, the time from receiving
 * a document to sending its MLS; as sending access point, the time from delivering an invoice to receiving its MLS.
 * Each lists the documents that missed the target, longest first.
 */
public class ServiceLevels {

    /** The most missed documents listed per measure. */
    static final int MOST_LISTED = 500;

    private final JdbcClient jdbc;
    private final MlsProperties settings;
    private final Clock clock;

    public ServiceLevels(JdbcClient jdbc, MlsProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** One document that missed a target; {@code answeredAt} is null while its MLS is still missing. */
    public record Missed(UUID id, String sbdhInstanceId, OffsetDateTime startedAt, OffsetDateTime answeredAt,
            long minutes) {
    }

    /**
     * One measure: how many documents count, how many kept the target, their share in percent, whether that share
     * reaches the required one, and the ones that missed.
     */
    public record Measure(String what, Duration target, long documents, long withinTarget, double percentWithinTarget,
            boolean meetsTarget, List<Missed> missed) {
    }

    /** Both measures of a period, from (inclusive) to (exclusive). */
    public record Report(OffsetDateTime from, OffsetDateTime to, double requiredPercent, Measure mlsSent,
            Measure mlsReceived) {
    }

    public Report between(OffsetDateTime from, OffsetDateTime to) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        // every received document counts, also one we have not decided on yet; positives we need not send do not
        List<Row> sent = jdbc.sql("SELECT r.id, r.sbdh_instance_id, r.received_at, m.sent_at FROM received_document r"
                        + " LEFT JOIN mls_outbound m ON m.received_id = r.id"
                        + " WHERE r.received_at >= ? AND r.received_at < ?"
                        + " AND (m.status IS NULL OR m.status IN ('PENDING', 'SENT', 'INVALID'))")
                .params(from, to)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class), rs.getObject(4, OffsetDateTime.class)))
                .list();
        // invoices delivered in the period that got an MLS, or were flagged for having none in time
        List<Row> received = jdbc.sql("SELECT d.invoice_id, d.sbdh_instance_id, d.delivered_at,"
                        + " (SELECT MIN(m.received_at) FROM mls_received m WHERE m.invoice_id = d.invoice_id)"
                        + " FROM delivery d WHERE d.delivered_at >= ? AND d.delivered_at < ?"
                        + " AND (EXISTS (SELECT 1 FROM mls_received m WHERE m.invoice_id = d.invoice_id)"
                        + " OR EXISTS (SELECT 1 FROM mls_overdue o WHERE o.invoice_id = d.invoice_id))")
                .params(from, to)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class), rs.getObject(4, OffsetDateTime.class)))
                .list();
        return new Report(from, to, settings.targetPercent(),
                measure("from receiving a document to sending its MLS", settings.sentTarget(), sent, now),
                measure("from delivering an invoice to receiving its MLS", settings.receivedTarget(), received, now));
    }

    private record Row(UUID id, String sbdhInstanceId, OffsetDateTime startedAt, OffsetDateTime answeredAt) {
    }

    private Measure measure(String what, Duration target, List<Row> rows, OffsetDateTime now) {
        List<Missed> missed = new ArrayList<>();
        long counted = 0;
        for (Row row : rows) {
            Duration took = Duration.between(row.startedAt(), row.answeredAt() != null ? row.answeredAt() : now);
            if (row.answeredAt() == null && took.compareTo(target) <= 0) {
                continue; // still within its time: neither kept nor missed yet
            }
            counted++;
            if (took.compareTo(target) > 0) {
                missed.add(new Missed(row.id(), row.sbdhInstanceId(), row.startedAt(), row.answeredAt(),
                        took.toMinutes()));
            }
        }
        missed.sort((a, b) -> Long.compare(b.minutes(), a.minutes()));
        long within = counted - missed.size();
        double percent = counted == 0 ? 100.0 : Math.round(within * 10000.0 / counted) / 100.0;
        return new Measure(what, target, counted, within, percent, percent >= settings.targetPercent(),
                missed.subList(0, Math.min(missed.size(), MOST_LISTED)));
    }
}
