package org.opengateway.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.opengateway.document.ParticipantId;
import org.opengateway.receiving.ReceivedDetails;
import org.opengateway.receiving.ReceivedEvent;
import org.opengateway.receiving.ReceivedRecord;

/** The JSON shapes of the API for invoices received from the Peppol network. */
final class ReceivedJson {

    private ReceivedJson() {
    }

    record EventView(String status, String reason, OffsetDateTime at) {
        static EventView of(ReceivedEvent e) {
            return new EventView(e.status().name(), e.reason(), e.at());
        }
    }

    record Summary(UUID id, String status, String statusReason, String documentType, String invoiceNumber,
            LocalDate issueDate, String currency, BigDecimal total, String sender, String receiver, Boolean valid,
            OffsetDateTime receivedAt, OffsetDateTime updatedAt, String counterpart) {
        static Summary of(ReceivedRecord r) {
            return new Summary(r.id(), r.status().name(), r.statusReason(), r.documentKind(), r.invoiceNumber(),
                    r.issueDate(), r.currency(), r.total(), plain(r.sender()), plain(r.receiver()), r.valid(),
                    r.receivedAt(), r.updatedAt(), r.counterpartName());
        }
    }

    record Details(UUID id, String status, String statusReason, String documentType, String invoiceNumber,
            LocalDate issueDate, String currency, BigDecimal total, String sender, String receiver,
            String peppolDocumentType, String peppolProcess, String customizationId, String sbdhInstanceId,
            String as4MessageId, String sendingAccessPoint, String documentSha256, String outboxFile, Boolean valid,
            String ruleset, OffsetDateTime receivedAt, OffsetDateTime updatedAt, List<EventView> history,
            List<InvoiceJson.FindingView> findings, String counterpart) {
        static Details of(ReceivedDetails d) {
            ReceivedRecord r = d.document();
            String file = r.outboxFile() == null ? null : r.outboxFile().substring(r.outboxFile().lastIndexOf('/') + 1);
            return new Details(r.id(), r.status().name(), r.statusReason(), r.documentKind(), r.invoiceNumber(),
                    r.issueDate(), r.currency(), r.total(), plain(r.sender()), plain(r.receiver()), r.documentType(),
                    r.process(), r.customizationId(), r.sbdhInstanceId(), r.as4MessageId(), r.sendingAccessPoint(),
                    r.documentSha256(), file, r.valid(), r.ruleset(), r.receivedAt(), r.updatedAt(),
                    d.history().stream().map(EventView::of).toList(),
                    d.findings().stream().map(InvoiceJson.FindingView::of).toList(), r.counterpartName());
        }
    }

    record Page(List<Summary> items, int page, int size, long total) {
    }

    /** "0007:5567321707", as the rest of the API writes participants. */
    private static String plain(String participant) {
        try {
            return ParticipantId.parse(participant).toString();
        } catch (IllegalArgumentException e) {
            return participant;
        }
    }
}
