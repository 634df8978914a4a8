package org.opengateway.receiving;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.opengateway.company.Company;
import org.opengateway.company.CompanyDirectory;
import org.opengateway.mls.MlsDecision.Handover;
import org.opengateway.mls.OutgoingMls;
import org.opengateway.reporting.ReportKind;
import org.opengateway.validation.DocumentValidation;
import org.opengateway.validation.Finding;
import org.opengateway.validation.Severity;
import org.opengateway.validation.ValidationReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands received documents to their company, after the receipt has gone back: validates each (a failing one is
 * delivered all the same, with its findings), writes the business document to the company's outbox folder and puts it
 * on the company's queue. The work comes from the outbox table {@code received_delivery}, written with the document,
 * so a crash between the receipt and the delivery loses nothing. Rows are claimed one at a time with
 * {@code FOR UPDATE SKIP LOCKED}, so several nodes can share the work; a failed attempt is tried again later.
 */
@Component
public class ReceivedDelivery {

    private static final Logger log = LoggerFactory.getLogger(ReceivedDelivery.class);
    private static final int BATCH = 100;
    private static final int PER_TRANSACTION = 20;
    private static final int PICKUP_BATCH = 500;
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);

    private record Claimed(UUID id, int attempts) {
    }

    private record Available(UUID id, String file, OffsetDateTime receivedAt) {
    }

    /** Where the last look at the outbox folders stopped: the last document of its batch. */
    private record PickupCursor(OffsetDateTime receivedAt, UUID id) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ReceivedDocuments documents;
    private final CompanyDirectory companies;
    private final DocumentValidation validation;
    private final CompanyOutbox outbox;
    private final CustomerQueue queue;
    private final OutgoingMls mls;
    /** Only where this node goes on next time: lost with the process, the next look starts from the oldest. */
    private final AtomicReference<PickupCursor> pickupCursor = new AtomicReference<>();

    public ReceivedDelivery(JdbcClient jdbc, TransactionTemplate transactions, ReceivedDocuments documents,
            CompanyDirectory companies, DocumentValidation validation, CompanyOutbox outbox, CustomerQueue queue,
            OutgoingMls mls) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.documents = documents;
        this.companies = companies;
        this.validation = validation;
        this.outbox = outbox;
        this.queue = queue;
        this.mls = mls;
    }

    /**
     * Delivers what is due, up to a batch; returns how many were handled. Up to {@link #PER_TRANSACTION} documents
     * share a transaction, so that a busy node writes the lists' indexes to disk once for several documents rather
     * than once for each. Should the transaction fail, its documents are delivered again: the same file name, and the
     * broker drops the second copy on the queue by its duplicate ID.
     */
    public int deliverPending() {
        int handled = 0;
        while (handled < BATCH) {
            int max = Math.min(PER_TRANSACTION, BATCH - handled);
            Integer delivered = transactions.execute(tx -> deliverNext(max));
            if (delivered == null || delivered == 0) {
                break;
            }
            handled += delivered;
        }
        return handled;
    }

    private int deliverNext(int max) {
        List<Claimed> claimed = jdbc.sql("SELECT received_id, attempts FROM received_delivery"
                        + " WHERE next_attempt_at <= ? ORDER BY next_attempt_at FETCH FIRST " + max + " ROWS ONLY"
                        + " FOR UPDATE SKIP LOCKED")
                .param(OffsetDateTime.now(ZoneOffset.UTC))
                .query((rs, n) -> new Claimed(rs.getObject(1, UUID.class), rs.getInt(2)))
                .list();
        claimed.forEach(this::deliver);
        return claimed.size();
    }

    private void deliver(Claimed claimed) {
        UUID id = claimed.id();
        ReceivedRecord stored = documents.find(id).orElseThrow();
        Optional<Company> company = stored.companyId() == null ? Optional.empty()
                : companies.findById(stored.companyId());
        if (company.isEmpty()) {
            log.warn("Received document {} belongs to no company of ours; it is kept but not delivered", id);
            mls.answer(stored, documents.content(id), null, Handover.FAILED,
                    "The receiver is no longer served by this access point.");
            done(id);
            return;
        }
        byte[] content = documents.content(id);
        // a Peppol report is passed on as it is: it is no invoice to judge
        DocumentValidation.Checked checked = ReportKind.isReport(stored.documentType()) ? null : validate(content);
        ValidationReport report = checked == null ? null : checked.report();
        if (checked != null) {
            documents.recordValidation(id, checked.document(), report);
        }
        ReceivedRecord document = documents.find(id).orElseThrow();
        mls.answer(document, content, report, Handover.PENDING, null); // a rejection is sent at once
        if (document.status() != ReceivedStatus.RECEIVED_FROM_NETWORK) {
            mls.answer(document, content, report, Handover.CONFIRMED, null);
            done(id); // the company acknowledged it over the API already
            return;
        }
        // customers' systems read the invoice itself; the envelope is for the network (and kept in the database)
        byte[] businessDocument = checked == null || checked.document() == null ? content
                : BareUbl.of(checked.document().ublRoot());
        try {
            String file = outbox.write(company.get().slug(), document.invoiceNumber(), id, businessDocument);
            queue.put(document, businessDocument, file.substring(file.lastIndexOf('/') + 1));
            documents.changeStatus(id, ReceivedStatus.RECEIVED_FROM_NETWORK, ReceivedStatus.AVAILABLE_TO_CUSTOMER,
                    "Written to the outbox folder as " + file + " and put on the queue "
                            + CustomerQueue.name(company.get().id()) + ". " + verdict(report),
                    file);
            mls.answer(document, content, report, Handover.HANDED_OVER, null);
            done(id);
            log.info("Received document {} ({} {}) delivered to {}", id, document.documentKind(),
                    document.invoiceNumber(), company.get().slug());
        } catch (DataAccessException e) {
            throw e;
        } catch (Exception e) {
            int attempts = claimed.attempts() + 1;
            OffsetDateTime next = OffsetDateTime.now(ZoneOffset.UTC).plus(backoff(attempts));
            String problem = "Delivery attempt " + attempts + " failed: " + e.getMessage() + ". Tried again at "
                    + next + ".";
            log.warn("Received document {}: {}", id, problem, e);
            jdbc.sql("UPDATE received_delivery SET attempts = ?, next_attempt_at = ?, last_error = ?"
                            + " WHERE received_id = ?")
                    .params(attempts, next, truncate(problem, 2000), id)
                    .update();
            documents.noteProblem(id, problem);
            mls.answerIfLongUndelivered(document, content, report, problem);
        }
    }

    private DocumentValidation.Checked validate(byte[] content) {
        try {
            return validation.check(content, false);
        } catch (RuntimeException e) {
            log.error("Could not validate a received document", e);
            return new DocumentValidation.Checked(null, new ValidationReport(null, List.of(new Finding("VALIDATION",
                    Severity.FATAL, null, null, "The gateway could not validate the document: " + e.getMessage()))));
        }
    }

    private static String verdict(ValidationReport report) {
        if (report == null) {
            return "Passed on as it is (a Peppol report is not validated as an invoice).";
        }
        String ruleset = report.ruleset() == null ? "" : " (" + report.ruleset() + ")";
        if (report.valid()) {
            long warnings = report.count(Severity.WARNING);
            return "Passed validation" + ruleset + (warnings > 0 ? " with " + warnings + " warnings." : ".");
        }
        return "Failed validation" + ruleset + " with " + report.count(Severity.FATAL) + " fatal findings; it is"
                + " delivered all the same, as the sender's access point has confirmed it.";
    }

    private void done(UUID id) {
        jdbc.sql("DELETE FROM received_delivery WHERE received_id = ?").param(id).update();
    }

    /** 2 s, 4 s, 8 s … up to an hour. */
    static Duration backoff(int attempts) {
        long seconds = 1L << Math.min(attempts, 12);
        return Duration.ofSeconds(Math.min(seconds, LONGEST_WAIT.toSeconds()));
    }

    /**
     * Notices documents whose file the company has taken from its outbox folder, and marks them delivered. Reads a
     * batch at a time in the order the documents arrived, going on from where the last look stopped and starting
     * over after the newest, so every file is looked at in turn; nothing is written for the files still there.
     */
    public int noticePickedUp() {
        PickupCursor from = pickupCursor.get();
        List<Available> available = jdbc.sql("SELECT id, outbox_file, received_at FROM received_document"
                        + " WHERE status = ? AND outbox_file IS NOT NULL"
                        + (from == null ? "" : " AND (received_at > ? OR (received_at = ? AND id > ?))")
                        + " ORDER BY received_at, id FETCH FIRST " + PICKUP_BATCH + " ROWS ONLY")
                .params(from == null ? List.of(ReceivedStatus.AVAILABLE_TO_CUSTOMER.name())
                        : List.of(ReceivedStatus.AVAILABLE_TO_CUSTOMER.name(), from.receivedAt(), from.receivedAt(),
                                from.id()))
                .query((rs, n) -> new Available(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class)))
                .list();
        pickupCursor.set(available.size() < PICKUP_BATCH ? null
                : new PickupCursor(available.get(available.size() - 1).receivedAt(),
                        available.get(available.size() - 1).id()));
        int count = 0;
        for (Available document : available) {
            // the change is conditional, so when two nodes notice the same file only one records it
            if (!outbox.stillThere(document.file()) && Boolean.TRUE.equals(transactions.execute(
                    tx -> documents.changeStatus(document.id(), ReceivedStatus.AVAILABLE_TO_CUSTOMER,
                            ReceivedStatus.DELIVERED_TO_CUSTOMER,
                            "Taken from the outbox folder (" + document.file() + ").", null)))) {
                count++;
            }
        }
        return count;
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
