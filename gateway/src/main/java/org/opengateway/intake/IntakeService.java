package org.opengateway.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.opengateway.company.Company;
import org.opengateway.delivery.AcceptedInvoice;
import org.opengateway.delivery.OutboundDispatcher;
import org.opengateway.document.InvoiceDocument;
import org.opengateway.document.ParticipantId;
import org.opengateway.document.Sha256;
import org.opengateway.tracking.Channel;
import org.opengateway.tracking.InvoiceDetails;
import org.opengateway.tracking.FindingRows;
import org.opengateway.tracking.InvoiceEvent;
import org.opengateway.tracking.InvoiceRecord;
import org.opengateway.tracking.InvoiceStatus;
import org.opengateway.tracking.InvoiceStore;
import org.opengateway.validation.DocumentValidation;
import org.opengateway.validation.Finding;
import org.opengateway.validation.Severity;
import org.opengateway.validation.ValidationReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way into the gateway, whichever channel a document came by: read it, check the company may send it,
 * validate it, and store the original, the verdict and its history (and, once accepted, its place in the sending
 * queue) in one transaction before anyone is answered.
 * The same bytes from the same company make one invoice; a repeat gets the first outcome back.
 */
@Service
public class IntakeService {

    private static final Logger log = LoggerFactory.getLogger(IntakeService.class);

    private final DocumentValidation validation;
    private final InvoiceStore store;
    private final OutboundDispatcher sending;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Timer validationTime;

    public IntakeService(DocumentValidation validation, InvoiceStore store, OutboundDispatcher sending,
            TransactionTemplate transactions, MeterRegistry meters) {
        this.validation = validation;
        this.store = store;
        this.sending = sending;
        this.transactions = transactions;
        this.meters = meters;
        this.validationTime = Timer.builder("gateway.validation.time")
                .description("Time to read and validate one document")
                .register(meters);
    }

    public IntakeResult submit(Submission submission) {
        String sha256 = Sha256.hex(submission.content());
        Optional<IntakeResult> earlier = earlier(submission, sha256);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        OffsetDateTime receivedAt = now();
        Verdict verdict = validationTime.record(() -> judge(submission));
        UUID id = UUID.randomUUID();
        InvoiceDocument doc = verdict.document();
        InvoiceStatus status = verdict.report().valid() ? InvoiceStatus.ACCEPTED : InvoiceStatus.REJECTED;
        String reason = reason(verdict.report());
        InvoiceRecord record = new InvoiceRecord(id, submission.company().id(), submission.channel(),
                submission.sourceName(), status, reason, sha256, submission.content().length,
                doc == null ? null : doc.kind().rootName(),
                doc == null ? null : doc.invoiceNumber(),
                doc == null ? null : doc.issueDate(),
                doc == null ? null : doc.currency(),
                doc == null ? null : doc.total(),
                doc == null ? null : text(doc.sender()),
                doc == null ? null : text(doc.receiver()),
                doc == null ? null : doc.customizationId(),
                doc == null ? null : doc.profileId(),
                verdict.report().ruleset(),
                receivedAt, now(),
                doc == null ? null : FindingRows.truncate(doc.receiverName(), 200));
        List<InvoiceEvent> history = List.of(
                new InvoiceEvent(InvoiceStatus.RECEIVED, receivedFrom(submission), receivedAt),
                new InvoiceEvent(status, reason, record.updatedAt()));
        try {
            transactions.executeWithoutResult(tx -> {
                store.create(record, submission.content(), history, verdict.report().findings());
                if (status == InvoiceStatus.ACCEPTED) {
                    // sent by this node at once when it can, from what it holds here
                    sending.schedule(new AcceptedInvoice(record, submission.content(), doc), record.updatedAt());
                }
            });
        } catch (DuplicateKeyException sameBytesMeanwhile) {
            return earlier(submission, sha256).orElseThrow(() -> sameBytesMeanwhile);
        }
        return finish(submission, record, verdict.report().findings());
    }

    /**
     * Records a document that was refused for its size without being read; {@code keptAt} says where the original
     * is kept.
     */
    public IntakeResult refuseOversized(Channel channel, Company company, String sourceName, long size, String sha256,
            long limit, String keptAt) {
        Submission submission = new Submission(channel, company, new byte[0], sourceName);
        Optional<IntakeResult> earlier = earlier(submission, sha256);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        String message = "The document is " + megabytes(size) + " (" + size + " bytes); the largest document the"
                + " gateway takes is " + megabytes(limit) + " (" + limit + " bytes). Split it or make it smaller (attachments count), then send it again."
                + (keptAt == null ? "" : " The original is kept at " + keptAt + ".");
        OffsetDateTime at = now();
        InvoiceRecord record = new InvoiceRecord(UUID.randomUUID(), company.id(), channel, sourceName,
                InvoiceStatus.REJECTED, message, sha256, size, null, null, null, null, null, null, null, null, null, null, at,
                at);
        List<InvoiceEvent> history = List.of(new InvoiceEvent(InvoiceStatus.RECEIVED, receivedFrom(submission), at),
                new InvoiceEvent(InvoiceStatus.REJECTED, message, at));
        List<Finding> findings = List.of(Finding.fatal("SIZE", message));
        try {
            store.create(record, null, history, findings);
        } catch (DuplicateKeyException sameBytesMeanwhile) {
            return earlier(submission, sha256).orElseThrow(() -> sameBytesMeanwhile);
        }
        return finish(submission, record, findings);
    }

    private IntakeResult finish(Submission submission, InvoiceRecord record, List<Finding> findings) {
        meters.counter("gateway.intake", "channel", submission.channel().name().toLowerCase(),
                "outcome", record.status().name().toLowerCase()).increment();
        try (MDC.MDCCloseable ignored = MDC.putCloseable("invoiceId", record.id().toString())) {
            if (record.status() == InvoiceStatus.REJECTED) {
                log.info("Invoice {} ({}) from {} over {} rejected: {}", record.id(), record.invoiceNumber(),
                        submission.company().slug(), submission.channel(), record.statusReason());
            } else {
                log.info("Invoice {} ({}) from {} over {} accepted", record.id(), record.invoiceNumber(),
                        submission.company().slug(), submission.channel());
            }
        }
        return new IntakeResult(record.id(), record.status(), record.statusReason(), record.invoiceNumber(), findings,
                false);
    }

    private Optional<IntakeResult> earlier(Submission submission, String sha256) {
        return store.findIdByContent(submission.company().id(), sha256)
                .flatMap(id -> store.find(submission.company().id(), id))
                .map(details -> duplicateOf(submission, details));
    }

    private IntakeResult duplicateOf(Submission submission, InvoiceDetails details) {
        InvoiceRecord invoice = details.invoice();
        meters.counter("gateway.intake", "channel", submission.channel().name().toLowerCase(),
                "outcome", "duplicate").increment();
        try (MDC.MDCCloseable ignored = MDC.putCloseable("invoiceId", invoice.id().toString())) {
            log.info("Invoice {} was sent again by {} over {} with the same bytes; nothing new was made", invoice.id(),
                    submission.company().slug(), submission.channel());
        }
        return new IntakeResult(invoice.id(), invoice.status(), invoice.statusReason(), invoice.invoiceNumber(),
                details.findings(), true);
    }

    private record Verdict(InvoiceDocument document, ValidationReport report) {
    }

    private Verdict judge(Submission submission) {
        DocumentValidation.Checked checked = validation.check(submission.content(), false);
        InvoiceDocument doc = checked.document();
        if (doc == null) {
            return new Verdict(null, checked.report());
        }
        ParticipantId sender = doc.sender();
        if (!submission.company().sendsAs(sender)) {
            String message = sender == null
                    ? "The document names no sender: the " + (doc.selfBilling() ? "customer's" : "supplier's")
                            + " EndpointID with its schemeID is missing. Add it (your Peppol participant ID "
                            + submission.company().participants() + ") and send it again."
                    : "The sender " + sender + " is not one of your company's Peppol participant IDs "
                            + submission.company().participants() + ". A company may send only as itself.";
            return new Verdict(doc, new ValidationReport(checked.report().ruleset(),
                    List.of(Finding.fatal("SENDER", message))));
        }
        ValidationReport report = checked.report();
        if (doc.receiver() == null) {
            List<Finding> findings = new ArrayList<>(report.findings());
            findings.add(Finding.fatal("RECEIVER", "The document names no receiver: the "
                    + (doc.selfBilling() ? "supplier's" : "customer's")
                    + " EndpointID with its schemeID is missing, so the gateway cannot tell where to deliver it."));
            report = new ValidationReport(report.ruleset(), findings);
        }
        return new Verdict(doc, report);
    }

    private static String reason(ValidationReport report) {
        List<Finding> fatal = report.findings().stream().filter(f -> f.severity() == Severity.FATAL).toList();
        long warnings = report.count(Severity.WARNING);
        if (fatal.isEmpty()) {
            return "Passed validation (" + report.ruleset() + ")" + (warnings == 0 ? "." : " with " + warnings
                    + (warnings == 1 ? " warning." : " warnings."));
        }
        String first = fatal.get(0).message();
        return fatal.size() == 1 ? first : fatal.size() + " errors; the first: " + first;
    }

    private static String receivedFrom(Submission submission) {
        return switch (submission.channel()) {
            case FOLDER -> "Taken from the inbox folder as " + submission.sourceName() + ".";
            case API -> "Received over the HTTP API.";
            case QUEUE -> "Received from the queue.";
        };
    }

    private static String text(ParticipantId participant) {
        return participant == null ? null : participant.toString();
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
