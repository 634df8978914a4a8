package org.opengateway.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.opengateway.delivery.DeliveryRecord;
import org.opengateway.mls.MlsOverdue;
import org.opengateway.tracking.InvoiceDetails;
import org.opengateway.tracking.InvoiceEvent;
import org.opengateway.tracking.InvoiceRecord;
import org.opengateway.validation.Finding;

/** The JSON shapes of the invoice API. */
final class InvoiceJson {

    private InvoiceJson() {
    }

    record FindingView(String rule, String severity, String location, Integer line, String message) {
        static FindingView of(Finding f) {
            return new FindingView(f.rule(), f.severity().label(), f.location(), f.line(), f.message());
        }
    }

    record EventView(String status, String reason, OffsetDateTime at) {
        static EventView of(InvoiceEvent e) {
            return new EventView(e.status().name(), e.reason(), e.at());
        }
    }

    record Summary(UUID id, String status, String statusReason, String channel, String documentType,
            String invoiceNumber, LocalDate issueDate, String currency, BigDecimal total, String sender,
            String receiver, OffsetDateTime receivedAt, OffsetDateTime updatedAt, String counterpart) {
        static Summary of(InvoiceRecord i) {
            return new Summary(i.id(), i.status().name(), i.statusReason(), i.channel().name(), i.documentType(),
                    i.invoiceNumber(), i.issueDate(), i.currency(), i.total(), i.senderParticipant(),
                    i.receiverParticipant(), i.receivedAt(), i.updatedAt(), i.counterpartName());
        }
    }

    record Details(UUID id, String status, String statusReason, String channel, String sourceName,
            String documentType, String invoiceNumber, LocalDate issueDate, String currency, BigDecimal total,
            String sender, String receiver, String customizationId, String profileId, String ruleset,
            String documentSha256,
            long documentSize, OffsetDateTime receivedAt, OffsetDateTime updatedAt, List<EventView> history,
            List<FindingView> findings, DeliveryView delivery, String counterpart, MlsOverdue.InvoiceMls mls) {
        static Details of(InvoiceDetails d, DeliveryRecord delivery, MlsOverdue.InvoiceMls mls) {
            InvoiceRecord i = d.invoice();
            return new Details(i.id(), i.status().name(), i.statusReason(), i.channel().name(), i.sourceName(),
                    i.documentType(), i.invoiceNumber(), i.issueDate(), i.currency(), i.total(),
                    i.senderParticipant(), i.receiverParticipant(), i.customizationId(), i.profileId(),
                    i.ruleset(), i.documentSha256(), i.documentSize(), i.receivedAt(), i.updatedAt(),
                    d.history().stream().map(EventView::of).toList(),
                    d.findings().stream().map(FindingView::of).toList(),
                    delivery == null ? null : DeliveryView.of(i.id(), delivery), i.counterpartName(), mls);
        }
    }

    /** Sending over Peppol: the identifiers every attempt uses, and the proof of delivery once there is one. */
    record DeliveryView(String as4MessageId, String sbdhInstanceId, int attempts, OffsetDateTime nextAttemptAt,
            String receivingEndpoint, String receivingAccessPoint, String receiptMessageId, OffsetDateTime deliveredAt,
            String receipt) { // the link to the signed receipt
        static DeliveryView of(UUID invoiceId, DeliveryRecord d) {
            return new DeliveryView(d.as4MessageId(), d.sbdhInstanceId(), d.attempts(), d.nextAttemptAt(),
                    d.endpoint(), d.receivingAccessPoint(), d.receiptMessageId(), d.deliveredAt(),
                    d.hasReceipt() ? "/api/v1/invoices/" + invoiceId + "/receipt" : null);
        }
    }

    record Page(List<Summary> items, int page, int size, long total) {
    }
}
