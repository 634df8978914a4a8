package org.opengateway.tracking;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The tracked record of one invoice: where it came from, what it is, and where it stands. */
public record InvoiceRecord(
        UUID id,
        UUID companyId,
        Channel channel,
        String sourceName,
        InvoiceStatus status,
        String statusReason,
        String documentSha256,
        long documentSize,
        String documentType,
        String invoiceNumber,
        LocalDate issueDate,
        String currency,
        BigDecimal total,
        String senderParticipant,
        String receiverParticipant,
        String customizationId,
        String profileId,
        String ruleset,
        OffsetDateTime receivedAt,
        OffsetDateTime updatedAt) {
}
