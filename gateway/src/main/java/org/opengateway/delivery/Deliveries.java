package org.opengateway.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opengateway.reporting.ReportingItems;
import org.opengateway.tracking.OwnedBytes;
import org.opengateway.tracking.FindingRows;
import org.opengateway.tracking.InvoiceStatus;
import org.opengateway.tracking.InvoiceStore;
import org.opengateway.transport.as4.SendOutcome.Failed;
import org.opengateway.transport.as4.SendOutcome.FailureKind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sending state of each accepted invoice. Work is claimed with {@code FOR UPDATE SKIP LOCKED} and held under a
 * lease, so several nodes share it and an attempt cut short by a crash is taken up again when its lease ends.
 */
@Repository
public class Deliveries {

    private final JdbcClient jdbc;
    private final InvoiceStore invoices;
    private final ReportingItems reporting;
    private final ApplicationEventPublisher events;

    public Deliveries(JdbcClient jdbc, InvoiceStore invoices, ReportingItems reporting,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.invoices = invoices;
        this.reporting = reporting;
        this.events = events;
    }

    /** Said when an invoice becomes due for sending; heard once its transaction has committed. */
    public record DeliveryDue(UUID invoiceId) {
    }

    /**
     * Schedules an accepted invoice for sending, with the SBDH instance identifier and AS4 message ID that every
     * attempt will use. Called in the transaction that accepts it.
     */
    public void schedule(UUID invoiceId, OffsetDateTime now) {
        jdbc.sql("INSERT INTO delivery (invoice_id, sbdh_instance_id, as4_message_id, done, due_at, in_flight, attempts)"
                        + " VALUES (?, ?, ?, FALSE, ?, FALSE, 0)")
                .params(invoiceId, newSbdhInstanceId(), newAs4MessageId(), now)
                .update();
        events.publishEvent(new DeliveryDue(invoiceId));
    }

    /**
     * Takes up to {@code max} invoices that are due (new, due for a retry, or whose last attempt's lease ended), leases
     * them to {@code node} and moves them to SENDING, all in one transaction. Invoices for an access point whose
     * circuit is open are left for later.
     */
    @Transactional
    public List<DeliveryClaim> claim(String node, int max, Duration lease, OffsetDateTime now) {
        List<Object[]> due = jdbc.sql("SELECT invoice_id, sbdh_instance_id, as4_message_id, attempts, in_flight,"
                        + " first_attempt_at FROM delivery WHERE done = FALSE AND due_at <= ? AND (endpoint_url IS NULL"
                        + " OR endpoint_url NOT IN (SELECT endpoint_url FROM endpoint_circuit WHERE open_until > ?))"
                        + " ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED")
                .params(now, now, max)
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getInt(4), rs.getBoolean(5), rs.getObject(6, OffsetDateTime.class)})
                .list();
        List<DeliveryClaim> claims = new ArrayList<>();
        for (Object[] row : due) {
            claims.add(lease((UUID) row[0], (String) row[1], (String) row[2], (int) row[3] + 1, (boolean) row[4],
                    row[5] == null ? now : (OffsetDateTime) row[5], node, lease, now));
        }
        return claims;
    }

    /**
     * Schedules an accepted invoice and leases it to {@code node} at once for its first attempt, in the caller's
     * transaction (the one that accepts it): the node that accepted it sends it, without a second transaction to
     * claim it.
     */
    public DeliveryClaim scheduleLeased(UUID invoiceId, String node, Duration lease, OffsetDateTime now) {
        String sbdhInstanceId = newSbdhInstanceId();
        String as4MessageId = newAs4MessageId();
        jdbc.sql("INSERT INTO delivery (invoice_id, sbdh_instance_id, as4_message_id, done, due_at, in_flight, attempts,"
                        + " claimed_by, first_attempt_at) VALUES (?, ?, ?, FALSE, ?, TRUE, 1, ?, ?)")
                .params(invoiceId, sbdhInstanceId, as4MessageId, now.plus(lease), node, now)
                .update();
        return startAttempt(invoiceId, sbdhInstanceId, as4MessageId, 1, false, now, node, now);
    }

    /** Leases one invoice to {@code node} for this attempt, notes the attempt and moves the invoice to SENDING. */
    private DeliveryClaim lease(UUID invoiceId, String sbdhInstanceId, String as4MessageId, int attempt,
            boolean interrupted, OffsetDateTime first, String node, Duration lease, OffsetDateTime now) {
        jdbc.sql("UPDATE delivery SET in_flight = TRUE, claimed_by = ?, due_at = ?, attempts = ?,"
                        + " first_attempt_at = ? WHERE invoice_id = ?")
                .params(node, now.plus(lease), attempt, first, invoiceId)
                .update();
        return startAttempt(invoiceId, sbdhInstanceId, as4MessageId, attempt, interrupted, first, node, now);
    }

    private DeliveryClaim startAttempt(UUID invoiceId, String sbdhInstanceId, String as4MessageId, int attempt,
            boolean interrupted, OffsetDateTime first, String node, OffsetDateTime now) {
        if (interrupted) {
            jdbc.sql("UPDATE delivery_attempt SET outcome = 'INTERRUPTED', detail = ? WHERE invoice_id = ?"
                            + " AND attempt = ? AND finished_at IS NULL")
                    .params("Cut short: the node sending it stopped before the outcome was known.", invoiceId,
                            attempt - 1)
                    .update();
        }
        jdbc.sql("INSERT INTO delivery_attempt (invoice_id, attempt, node, started_at) VALUES (?, ?, ?, ?)")
                .params(invoiceId, attempt, node, now)
                .update();
        Object[] invoice = jdbc.sql("SELECT status, company_id FROM invoice WHERE id = ?")
                .param(invoiceId)
                .query((rs, n) -> new Object[] {InvoiceStatus.valueOf(rs.getString(1)), rs.getObject(2, UUID.class)})
                .single();
        InvoiceStatus status = (InvoiceStatus) invoice[0];
        String reason = "Attempt " + attempt + (interrupted
                ? ", after attempt " + (attempt - 1) + " was cut short before its outcome was known (the node"
                        + " sending it stopped). The same AS4 message is sent again, so the recipient gets it once."
                : ": looking up the recipient and sending.");
        if (!invoices.changeStatus(invoiceId, status, InvoiceStatus.SENDING, reason)) {
            throw new IllegalStateException("Invoice " + invoiceId + " changed while claimed");
        }
        return new DeliveryClaim(invoiceId, (UUID) invoice[1], sbdhInstanceId, as4MessageId, attempt, first,
                interrupted);
    }

    /**
     * Records the outcome of an attempt and moves the invoice on, if this node still holds the lease. Returns false
     * when the lease was lost (the attempt took longer than the lease and another node took the invoice up).
     */
    @Transactional
    public boolean finish(DeliveryClaim claim, String node, Outcome outcome) {
        OffsetDateTime now = outcome.at();
        int updated = jdbc.sql("UPDATE delivery SET in_flight = FALSE, claimed_by = NULL, done = ?, due_at = ?,"
                        + " endpoint_url = COALESCE(?, endpoint_url), receiving_ap = COALESCE(?, receiving_ap),"
                        + " receipt_message_id = COALESCE(?, receipt_message_id), receipt = COALESCE(?, receipt),"
                        + " delivered_at = COALESCE(?, delivered_at), attempts = ?"
                        + " WHERE invoice_id = ? AND in_flight = TRUE AND claimed_by = ? AND attempts = ?")
                .params(outcome.status() != InvoiceStatus.RETRY_SCHEDULED, outcome.nextAttemptAt() == null ? now
                                : outcome.nextAttemptAt(), outcome.endpoint(), outcome.receivingAccessPoint(),
                        outcome.receiptMessageId(), outcome.receipt(),
                        outcome.status() == InvoiceStatus.DELIVERED ? now : null,
                        outcome.counted() ? claim.attempt() : claim.attempt() - 1,
                        claim.invoiceId(), node, claim.attempt())
                .update();
        if (updated == 0) {
            return false;
        }
        if (outcome.status() == InvoiceStatus.DELIVERED) {
            // counted for Peppol Reporting in the same transaction, so exactly once
            reporting.recordSent(claim.invoiceId(), outcome.receivingAccessPoint(), now);
        }
        if (outcome.counted()) {
            jdbc.sql("UPDATE delivery_attempt SET finished_at = ?, outcome = ?, endpoint_url = ?, error_code = ?,"
                            + " detail = ?, failure_kind = ? WHERE invoice_id = ? AND attempt = ?")
                    .params(now, outcome.status().name(), outcome.endpoint(), outcome.errorCode(),
                            FindingRows.truncate(outcome.reason(), 2000),
                            outcome.failureKind() == null ? null : outcome.failureKind().name(), claim.invoiceId(),
                            claim.attempt())
                    .update();
        } else {
            jdbc.sql("DELETE FROM delivery_attempt WHERE invoice_id = ? AND attempt = ?")
                    .params(claim.invoiceId(), claim.attempt())
                    .update();
        }
        invoices.changeStatus(claim.invoiceId(), InvoiceStatus.SENDING, outcome.status(), outcome.reason());
        return true;
    }

    /**
     * The leases this node holds are given up at once instead of waiting for them to end: after a restart (by its
     * persisted node name), and when it stops with sends under way.
     */
    public int releaseLeasesOf(String node, OffsetDateTime now) {
        return jdbc.sql("UPDATE delivery SET due_at = ? WHERE in_flight = TRUE AND claimed_by = ? AND done = FALSE")
                .params(now, node)
                .update();
    }

    /** Invoices accepted before sending existed get their delivery row; safe to run on several nodes at once. */
    public List<UUID> acceptedWithoutDelivery() {
        return jdbc.sql("SELECT id FROM invoice i WHERE status = 'ACCEPTED'"
                        + " AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.invoice_id = i.id)")
                .query(UUID.class)
                .list();
    }

    public Optional<DeliveryRecord> find(UUID invoiceId) {
        return jdbc.sql("SELECT sbdh_instance_id, as4_message_id, attempts, done, in_flight, due_at, endpoint_url,"
                        + " receiving_ap, receipt_message_id, delivered_at, receipt IS NOT NULL FROM delivery"
                        + " WHERE invoice_id = ?")
                .param(invoiceId)
                .query((rs, n) -> new DeliveryRecord(rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getBoolean(4) || rs.getBoolean(5) ? null : rs.getObject(6, OffsetDateTime.class),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getObject(10, OffsetDateTime.class),
                        rs.getBoolean(11)))
                .optional();
    }

    /** The signed receipt, as received, of a delivered invoice of this company. */
    public Optional<byte[]> receipt(UUID companyId, UUID invoiceId) {
        // by the key alone, the company compared after (see OwnedBytes)
        return jdbc.sql("SELECT d.receipt, i.company_id FROM delivery d JOIN invoice i ON i.id = d.invoice_id"
                        + " WHERE d.invoice_id = ? AND d.receipt IS NOT NULL")
                .param(invoiceId)
                .query((rs, n) -> new OwnedBytes(rs.getObject(2, UUID.class), rs.getBytes(1)))
                .optional()
                .flatMap(row -> row.of(companyId));
    }

    public long countDue(OffsetDateTime now) {
        return jdbc.sql("SELECT COUNT(*) FROM delivery WHERE done = FALSE AND due_at <= ?")
                .param(now).query(Long.class).single();
    }

    /**
     * Where the sending of an invoice stands, with its row locked until the caller's transaction ends, for a support
     * action: a claim skips a locked row, and a claim already under way makes this wait until it has committed (and
     * then reads {@code inFlight}), so an action never changes an invoice while an attempt holds it.
     */
    public Optional<SendingState> lockForChange(UUID invoiceId) {
        return jdbc.sql("SELECT in_flight, done FROM delivery WHERE invoice_id = ? FOR UPDATE")
                .param(invoiceId)
                .query((rs, n) -> new SendingState(rs.getBoolean(1), rs.getBoolean(2), lastFailure(invoiceId)))
                .optional();
    }

    /** Why the last attempt that failed failed; null when none did (or it failed before this was recorded). */
    public FailureKind lastFailure(UUID invoiceId) {
        return jdbc.sql("SELECT failure_kind FROM delivery_attempt WHERE invoice_id = ? AND failure_kind IS NOT NULL"
                        + " ORDER BY attempt DESC LIMIT 1")
                .param(invoiceId)
                .query(String.class)
                .optional().map(FailureKind::valueOf).orElse(null);
    }

    /**
     * Support's resend: the next attempt is due now, with a fresh window of retries; the SBDH instance identifier and
     * AS4 message ID stay, so a receiver that got an earlier attempt recognises it. Call with the row locked.
     */
    public void sendAgainNow(UUID invoiceId, OffsetDateTime now) {
        jdbc.sql("UPDATE delivery SET done = FALSE, due_at = ?, first_attempt_at = NULL WHERE invoice_id = ?"
                        + " AND in_flight = FALSE")
                .params(now, invoiceId)
                .update();
        events.publishEvent(new DeliveryDue(invoiceId));
    }

    /**
     * New identifiers for a new receiver (its access point has never seen them, so it cannot take the message for a
     * repeat of the one meant for the old receiver), and no access point looked up yet. Call with the row locked.
     */
    public void newReceiver(UUID invoiceId) {
        jdbc.sql("UPDATE delivery SET sbdh_instance_id = ?, as4_message_id = ?, endpoint_url = NULL, receiving_ap = NULL"
                        + " WHERE invoice_id = ? AND in_flight = FALSE")
                .params(newSbdhInstanceId(), newAs4MessageId(), invoiceId)
                .update();
    }

    /** Nothing more is sent (the invoice was cancelled or replaced). Call with the row locked. */
    public void stop(UUID invoiceId) {
        jdbc.sql("UPDATE delivery SET done = TRUE WHERE invoice_id = ? AND in_flight = FALSE")
                .param(invoiceId)
                .update();
    }

    /** A fresh SBDH instance identifier, fixed for every attempt to one receiver. */
    private static String newSbdhInstanceId() {
        return UUID.randomUUID().toString();
    }

    /** A fresh AS4 message ID, fixed for every attempt to one receiver, so that a resend is seen as the same. */
    private static String newAs4MessageId() {
        return UUID.randomUUID() + "@gateway";
    }

    /**
     * @param inFlight an attempt holds the invoice now
     * @param done delivered or given up: nothing more happens by itself
     * @param lastFailure why the last failed attempt failed, or null
     */
    public record SendingState(boolean inFlight, boolean done, FailureKind lastFailure) {
    }

    /**
     * The outcome of one attempt, as stored.
     *
     * @param status DELIVERED, RETRY_SCHEDULED or UNDELIVERED
     * @param counted false when nothing was tried (the access point's circuit was open): the attempt is not counted
     * @param failureKind why a failed attempt failed, kept for support's diagnosis; null when delivered
     */
    public record Outcome(InvoiceStatus status, String reason, OffsetDateTime at, OffsetDateTime nextAttemptAt,
            String endpoint, String receivingAccessPoint, String errorCode, String receiptMessageId, byte[] receipt,
            boolean counted, FailureKind failureKind) {

        /** An outcome whose failure kind is not known. */
        public Outcome(InvoiceStatus status, String reason, OffsetDateTime at, OffsetDateTime nextAttemptAt,
                String endpoint, String receivingAccessPoint, String errorCode, String receiptMessageId,
                byte[] receipt, boolean counted) {
            this(status, reason, at, nextAttemptAt, endpoint, receivingAccessPoint, errorCode, receiptMessageId,
                    receipt, counted, null);
        }

        static Outcome delivered(String reason, OffsetDateTime at, String endpoint, String accessPoint,
                String receiptMessageId, byte[] receipt) {
            return new Outcome(InvoiceStatus.DELIVERED, reason, at, null, endpoint, accessPoint, null,
                    receiptMessageId, receipt, true, null);
        }

        static Outcome failed(InvoiceStatus status, String reason, OffsetDateTime at, OffsetDateTime next,
                String endpoint, Failed failed) {
            return new Outcome(status, reason, at, next, endpoint, null, failed.errorCode(), null, null, true,
                    failed.kind());
        }

        static Outcome postponed(String reason, OffsetDateTime at, OffsetDateTime until, String endpoint) {
            return new Outcome(InvoiceStatus.RETRY_SCHEDULED, reason, at, until, endpoint, null, null, null, null,
                    false, FailureKind.UNREACHABLE);
        }
    }
}
