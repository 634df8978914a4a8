package org.opengateway.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.opengateway.directory.LookupResult;
import org.opengateway.directory.RecipientLookup;
import org.opengateway.document.DocumentReader;
import org.opengateway.document.InvoiceDocument;
import org.opengateway.tracking.InvoiceRecord;
import org.opengateway.tracking.InvoiceStatus;
import org.opengateway.tracking.InvoiceStore;
import org.opengateway.transport.as4.As4Keys;
import org.opengateway.transport.as4.As4Sender;
import org.opengateway.transport.as4.OutboundMessage;
import org.opengateway.transport.as4.SendOutcome;
import org.opengateway.transport.as4.SendOutcome.Delivered;
import org.opengateway.transport.as4.SendOutcome.Failed;
import org.opengateway.transport.as4.SendOutcome.FailureKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One attempt to deliver one claimed invoice: find the recipient's access point through its SMP, send over AS4, and
 * decide what comes next (delivered, try again later, or give up with the reason in words).
 */
public class OutboundDelivery {

    private static final Logger log = LoggerFactory.getLogger(OutboundDelivery.class);

    private final InvoiceStore invoices;
    private final Deliveries deliveries;
    private final DocumentReader reader;
    private final RecipientLookup recipients;
    private final As4Sender sender;
    private final EndpointCircuits circuits;
    private final RetryPolicy retries;
    private final String defaultCountryC1;
    private final MeterRegistry meters;

    public OutboundDelivery(Collaborators with, RetryPolicy retries, String defaultCountryC1, MeterRegistry meters) {
        this.invoices = with.invoices();
        this.deliveries = with.deliveries();
        this.reader = with.reader();
        this.recipients = with.recipients();
        this.sender = with.sender();
        this.circuits = with.circuits();
        this.retries = retries;
        this.defaultCountryC1 = defaultCountryC1;
        this.meters = meters;
    }

    /** What an attempt needs to do its work. */
    public record Collaborators(InvoiceStore invoices, Deliveries deliveries, DocumentReader reader,
            RecipientLookup recipients, As4Sender sender, EndpointCircuits circuits) {
    }

    /**
     * One attempt to send a claimed invoice. {@code accepted}, when not null, is the invoice as the node that accepted
     * it holds it, which spares reading it back; otherwise it is read from the database.
     */
    public void attempt(DeliveryClaim claim, String node, AcceptedInvoice accepted) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable("invoiceId", claim.invoiceId().toString())) {
            Deliveries.Outcome outcome;
            try {
                outcome = decide(claim, accepted);
            } catch (RuntimeException e) {
                // for example the database or the stored document could not be read: try again later
                log.error("Attempt {} to send invoice {} failed unexpectedly", claim.attempt(), claim.invoiceId(), e);
                outcome = afterFailure(claim, new Failed(FailureKind.LOOKUP_FAILED, null,
                        "The gateway could not prepare the invoice for sending (" + e.getMessage() + ")."), null);
            }
            if (!deliveries.finish(claim, node, outcome)) {
                log.warn("Attempt {} of invoice {} ended after its lease had passed; another node took it up, so this"
                        + " outcome ({}) was not recorded", claim.attempt(), claim.invoiceId(), outcome.status());
                return;
            }
            meters.counter("gateway.sending", "outcome", outcome.status().name().toLowerCase()).increment();
            log.info("Invoice {} attempt {}: {} - {}", claim.invoiceId(), claim.attempt(), outcome.status(),
                    outcome.reason());
        }
    }

    private Deliveries.Outcome decide(DeliveryClaim claim, AcceptedInvoice accepted) {
        boolean atHand = accepted != null;
        InvoiceRecord invoice = atHand ? accepted.record()
                : invoices.record(claim.companyId(), claim.invoiceId()).orElseThrow();
        byte[] original = atHand ? accepted.original()
                : invoices.original(claim.companyId(), claim.invoiceId()).orElseThrow();
        InvoiceDocument document = atHand ? accepted.document() : reader.read(original);
        String documentType = document.kind().peppolDocumentTypeId(invoice.customizationId());
        LookupResult lookup = recipients.find(invoice.receiverParticipant(), documentType, invoice.profileId());
        if (lookup instanceof LookupResult.Found found) {
            return send(claim, invoice, document, original, documentType, found);
        }
        Failed failed;
        if (lookup instanceof LookupResult.NotRegistered notRegistered) {
            failed = new Failed(FailureKind.RECIPIENT_NOT_REGISTERED, null, notRegistered.reason());
        } else if (lookup instanceof LookupResult.DocumentTypeNotAccepted notAccepted) {
            failed = new Failed(FailureKind.DOCUMENT_TYPE_NOT_ACCEPTED, null, notAccepted.reason());
        } else {
            failed = new Failed(FailureKind.LOOKUP_FAILED, null, ((LookupResult.LookupFailed) lookup).reason());
        }
        return afterFailure(claim, failed, null);
    }

    private Deliveries.Outcome send(DeliveryClaim claim, InvoiceRecord invoice, InvoiceDocument document,
            byte[] original, String documentType, LookupResult.Found found) {
        String endpoint = found.endpoint().toString();
        OffsetDateTime now = now();
        Optional<OffsetDateTime> paused = circuits.openUntil(endpoint, now);
        if (paused.isPresent()) {
            return Deliveries.Outcome.postponed("Not tried: sending to the receiving access point at " + endpoint
                    + " is paused until " + paused.get() + " after repeated failures to reach it.", now, paused.get(),
                    endpoint);
        }
        String country = document.senderCountry() != null ? document.senderCountry() : defaultCountryC1;
        OutboundMessage message = new OutboundMessage(invoice.senderParticipant(), invoice.receiverParticipant(),
                documentType, invoice.profileId(), country, claim.sbdhInstanceId(), claim.as4MessageId(),
                original, found.endpoint(), found.certificate());
        SendOutcome outcome = sender.send(message);
        if (outcome instanceof Delivered delivered) {
            circuits.answered(endpoint);
            String accessPoint = As4Keys.commonName(found.certificate());
            String reason = "Delivered to the access point " + accessPoint + " at " + endpoint + "; its signed receipt "
                    + delivered.receiptMessageId() + " is kept as proof."
                    + (delivered.alreadyReceived() ? " It had received this message from an earlier attempt whose"
                            + " receipt never reached us, and refused this one as a duplicate, so it counts as delivered"
                            + " once." : "");
            return Deliveries.Outcome.delivered(reason, now(), endpoint, accessPoint, delivered.receiptMessageId(),
                    delivered.receipt());
        }
        Failed failed = (Failed) outcome;
        Optional<OffsetDateTime> opened = Optional.empty();
        if (failed.kind() == FailureKind.UNREACHABLE || failed.kind() == FailureKind.RECEIVER_BUSY) {
            opened = circuits.failed(endpoint, now());
        } else {
            circuits.answered(endpoint);
        }
        opened.ifPresent(until -> log.warn("The receiving access point at {} failed repeatedly; nothing is sent there"
                + " until {}", endpoint, until));
        return afterFailure(claim, failed, endpoint);
    }

    private Deliveries.Outcome afterFailure(DeliveryClaim claim, Failed failed, String endpoint) {
        OffsetDateTime now = now();
        String what = "Attempt " + claim.attempt() + " failed: " + failed.detail();
        if (!failed.kind().isTransient()) {
            return Deliveries.Outcome.failed(InvoiceStatus.UNDELIVERED, headline(failed.kind()) + " " + failed.detail()
                    + " No more attempts are made by themselves; correct the cause and resend.", now, null, endpoint,
                    failed);
        }
        Optional<OffsetDateTime> next = retries.next(claim.attempt(), claim.firstAttemptAt(), now);
        if (next.isEmpty()) {
            return Deliveries.Outcome.failed(InvoiceStatus.UNDELIVERED, what + " The gateway has tried "
                    + claim.attempt() + " times since " + claim.firstAttemptAt() + " and gives up; resend it once the"
                    + " recipient's access point works again.", now, null, endpoint, failed);
        }
        return Deliveries.Outcome.failed(InvoiceStatus.RETRY_SCHEDULED, what + " Attempt " + (claim.attempt() + 1)
                + " is scheduled for " + next.get() + ".", now, next.get(), endpoint, failed);
    }

    private static String headline(FailureKind kind) {
        return switch (kind) {
            case RECIPIENT_NOT_REGISTERED -> "The recipient is not registered in Peppol.";
            case DOCUMENT_TYPE_NOT_ACCEPTED -> "The recipient does not accept this document type.";
            case REJECTED_BY_RECEIVER -> "Rejected by the receiving access point.";
            case CERTIFICATE_NOT_TRUSTED -> "The receiving access point's certificate is not trusted.";
            case CANNOT_BUILD_MESSAGE -> "The gateway could not build the AS4 message.";
            case LOOKUP_FAILED, UNREACHABLE, RECEIVER_BUSY -> "The receiving access point could not be reached.";
        };
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
